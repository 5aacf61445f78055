/**
 * Zoom steps shared by every view, px per second (0 = the whole clip fits). Up to
 * 20 000 px/s: 20 px a millisecond, so single reflections in the first 200 ms read to the ms.
 */
export const ZOOMS = [0, 100, 250, 500, 1000, 2000, 5000, 10_000, 20_000] as const;

/** The next step in, from any zoom (also one between the steps). */
export function zoomIn(zoom: number): number {
  return ZOOMS.find((z) => z > zoom) ?? ZOOMS[ZOOMS.length - 1];
}

export function zoomOut(zoom: number): number {
  return [...ZOOMS].reverse().find((z) => z < zoom) ?? 0;
}

export function formatZoom(zoom: number): string {
  return zoom === 0 ? 'fit' : `${zoom.toLocaleString('en-US').replace(/,/g, '\u2009')} px/s`;
}
