/**
 * What a waveform view draws over its waves and reads under the pointer: the shared loop region,
 * a class-demo scene's marked regions as labelled wavesurfer.js regions (sharing the Regions
 * plugin with the loop, so they carry a "mark-" id) with labels in rows so that none hides
 * another, and the peak level under the pointer.
 */
import type RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { LoopRange } from '../audio/playback-clock';
import { labelRows, regionFill, type MarkedRegion } from './regions';
import { formatTime } from './time-format';
import { peakAt } from './waveform-peaks';

type Regions = ReturnType<typeof RegionsPlugin.create>;

export const isMark = (r: Region) => r.id.startsWith('mark-');

/** Replace the drawn loop region (the marks stay): shared by every view, grey while looping is off. */
export function drawLoop(regions: Regions, range: LoopRange | null, enabled: boolean): void {
  for (const r of regions.getRegions()) if (!isMark(r)) r.remove();
  if (!range) return;
  regions.addRegion({
    id: 'loop',
    start: range.start,
    end: range.end,
    color: enabled ? 'rgba(255, 160, 0, 0.28)' : 'rgba(128, 128, 128, 0.22)',
    drag: true,
    resize: true,
  });
}

/** Time and peak level at `t` for the readout under the pointer, at the level heard (`gainDb`). */
export function peakReadout(peaks: readonly Float32Array[], t: number, duration: number, gainDb: number, pxPerSec: number): string {
  const db = 20 * Math.log10(peakAt(peaks, t, duration)) + gainDb;
  return `${formatTime(t, pxPerSec)} · ${Number.isFinite(db) ? `${db.toFixed(1)} dBFS peak` : 'silence'}`;
}

/** Replace the drawn marks with `marks` (each ends at the view's `duration` at the latest). */
export function drawMarks(
  regions: Regions,
  marks: readonly MarkedRegion[],
  duration: number,
  colours: { color: string; background: string },
): void {
  for (const r of regions.getRegions()) if (isMark(r)) r.remove();
  marks.forEach((m, i) => {
    const content = document.createElement('span');
    content.textContent = m.label;
    content.className = 'region-label';
    content.setAttribute('aria-hidden', 'true'); // the list under the view says the same in order
    // Inside wavesurfer's shadow root our stylesheet does not reach: style inline.
    Object.assign(content.style, {
      font: '600 0.8em system-ui, sans-serif',
      padding: '1px 4px',
      margin: '2px',
      borderRadius: '3px',
      whiteSpace: 'nowrap',
      display: 'inline-block',
      ...colours,
    });
    regions.addRegion({
      id: `mark-${i}`,
      start: m.start,
      end: Math.min(m.end, duration),
      content,
      color: regionFill(i),
      drag: false,
      resize: false,
    });
  });
}

/**
 * Put the marks' labels on rows below one another where they would collide at
 * `pxPerSec`. Measured once laid out: wavesurfer attaches region elements after a frame
 * or two. Returns a cancel function.
 */
export function layOutMarkLabels(regions: Regions, pxPerSec: number): () => void {
  let tries = 0;
  let frame = requestAnimationFrame(function layout() {
    const labels = regions.getRegions().filter((r) => isMark(r) && r.content);
    const widths = labels.map((r) => r.content!.getBoundingClientRect().width);
    if (widths.some((w) => w === 0) && ++tries < 30) {
      frame = requestAnimationFrame(layout);
      return;
    }
    const rows = labelRows(labels.map((r, i) => ({ x: r.start * pxPerSec, width: widths[i] + 4 })));
    labels.forEach((r, i) => (r.content!.style.marginTop = `calc(2px + ${rows[i] * 1.6}em)`));
  });
  return () => cancelAnimationFrame(frame);
}
