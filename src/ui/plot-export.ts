/**
 * A plot as a PNG for a report: the canvas at its device resolution, on an opaque background
 * (the panel colour it is seen on; a transparent PNG turns dark-theme text invisible on paper).
 */
import { downloadBlob } from './download';

export function plotPng(canvas: HTMLCanvasElement, background: string): Promise<Blob> {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This browser cannot draw the plot into an image.'));
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('The plot could not be encoded as PNG.'))), 'image/png'),
  );
}

export async function downloadPlotPng(canvas: HTMLCanvasElement, name: string): Promise<void> {
  const background = getComputedStyle(canvas).getPropertyValue('--panel').trim() || '#ffffff';
  downloadBlob(name, await plotPng(canvas, background));
}
