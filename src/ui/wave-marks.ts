/**
 * A class-demo scene's marked regions on a waveform view: drawn as labelled wavesurfer.js
 * regions (sharing the Regions plugin with the loop region, so they carry a "mark-" id),
 * their labels laid out in rows so that none hides another.
 */
import type RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { labelRows, regionFill, type MarkedRegion } from './regions';

type Regions = ReturnType<typeof RegionsPlugin.create>;

export const isMark = (r: Region) => r.id.startsWith('mark-');

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
