/** Summaries of repeated measurements: median with the spread around it. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('no measurements to summarize');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}

/** Per-run ratios of paired measurements (run i of the figure over run i of its baseline). */
export function pairedRatios(figure: number[], baseline: number[]): Summary {
  return summarize(figure.map((v, i) => v / baseline[i]));
}

export function pairedDifferences(figure: number[], baseline: number[]): Summary {
  return summarize(figure.map((v, i) => v - baseline[i]));
}
