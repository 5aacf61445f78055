/** Labelled time ranges drawn over a waveform, and their colours. */
export interface MarkedRegion {
  /** Seconds on the view's time axis. */
  start: number;
  end: number;
  label: string;
}

/**
 * Fill colour of the i-th region. Hues far apart so neighbours are told apart; the
 * translucent fill keeps the waveform visible under it in both themes.
 */
export function regionFill(index: number, alpha = 0.2): string {
  const hues = [200, 140, 45, 300, 0, 260];
  return `hsla(${hues[index % hues.length]}, 75%, 55%, ${alpha})`;
}

/** A region's time span for its legend: "40–60 ms" under a second, else "0.75–5.98 s". */
export function formatSpan(start: number, end: number): string {
  return end < 1 ? `${Math.round(start * 1000)}–${Math.round(end * 1000)} ms` : `${start.toFixed(2)}–${end.toFixed(2)} s`;
}

/**
 * Rows for region labels so none overlaps another: each label (left edge `x`, `width`, px)
 * goes on the first row whose last label ends `gap` px before it. Returns a row per label,
 * in the order given.
 */
export function labelRows(labels: readonly { x: number; width: number }[], gap = 4): number[] {
  const order = labels.map((_, i) => i).sort((a, b) => labels[a].x - labels[b].x);
  const rowEnds: number[] = [];
  const rows = new Array<number>(labels.length).fill(0);
  for (const i of order) {
    const { x, width } = labels[i];
    let row = rowEnds.findIndex((end) => end + gap <= x);
    if (row < 0) row = rowEnds.push(-Infinity) - 1;
    rowEnds[row] = x + width;
    rows[i] = row;
  }
  return rows;
}
