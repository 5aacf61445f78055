/** Putting peaks on screen in a wavesurfer.js view. */
import type WaveSurfer from 'wavesurfer.js';
import { markFirstWaveform } from '../state/first-waveform';

/**
 * Draw `peaks` over `seconds`: load('') with peaks draws without fetching or decoding, and a
 * newer load aborts an older one (said nowhere). `onDrawn` once loaded. The bench
 * (bench/run.ts) times page load to the first view drawn: the first waveform on screen.
 */
export function drawPeaks(ws: WaveSurfer, peaks: Array<Float32Array | number[]>, seconds: number, onDrawn: () => void): void {
  ws.once('redrawcomplete', markFirstWaveform);
  ws.load('', peaks, seconds).then(onDrawn, (e: unknown) => {
    if (!(e instanceof DOMException && e.name === 'AbortError')) console.error(e);
  });
}

/** A canvas's pixels are freed at once: a detached canvas keeps them until the page's collector runs. */
export function releaseCanvases(node: Node): void {
  if (!(node instanceof Element)) return;
  const canvases = node instanceof HTMLCanvasElement ? [node] : node.querySelectorAll('canvas');
  for (const c of canvases) c.width = c.height = 0;
}

/**
 * Free the pixels of every canvas wavesurfer.js drops from `root`'s tree. Each redraw
 * replaces a view's canvases (a waveform and its progress copy per slice): detached, they
 * held their pixels until a collection, 6–7 MB of canvases and more of malloc for four
 * views redrawn on a new axis (bench figure 10). Returns the stop.
 */
export function releaseDroppedCanvases(root: Node): () => void {
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.removedNodes) if (!n.isConnected) releaseCanvases(n);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    releaseCanvases(root);
  };
}
