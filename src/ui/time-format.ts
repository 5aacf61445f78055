/** Time labels for rulers and readouts, as precise as the zoom makes readable. */

/** Ruler tick spacing, seconds, for a zoom: about one labelled tick per 90 px on a 1-2-5 series. */
export function tickSpacing(pxPerSec: number, targetPx = 90): number {
  const raw = targetPx / Math.max(pxPerSec, 1e-9);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** "1.25 s" when a pixel spans 10 ms or more; "12.4 ms" / "1 234.5 ms" when zoomed in to read reflections. */
export function formatTime(seconds: number, pxPerSec: number): string {
  if (pxPerSec >= 200) {
    const ms = seconds * 1000;
    const decimals = pxPerSec >= 5000 ? 2 : pxPerSec >= 1000 ? 1 : 0;
    return `${ms.toFixed(decimals)} ms`;
  }
  return `${seconds.toFixed(pxPerSec >= 20 ? 2 : 1)} s`;
}

/** A ruler label for a tick at `seconds` with ticks `step` apart: no more digits than the step needs. */
export function formatTick(seconds: number, step: number): string {
  if (step < 1) {
    const ms = seconds * 1000;
    const decimals = step >= 0.001 ? 0 : step >= 0.0001 ? 1 : 2;
    return `${ms.toFixed(decimals)} ms`;
  }
  return `${Math.round(seconds * 100) / 100} s`;
}
