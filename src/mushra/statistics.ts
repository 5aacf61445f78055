/**
 * Statistics of a multi-stimulus rating test as ITU-R BS.1534-3 reports them: the mean
 * score per condition with its 95 % confidence interval (Student's t, because listeners ×
 * trials are few), and the post-screening rule for listeners.
 */

/** Two-sided 97.5 % quantile of Student's t for `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  // Exact table for small df (where it matters most), then the Cornish–Fisher expansion.
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131];
  if (df < 1) return NaN;
  if (df <= table.length) return table[df - 1];
  const z = 1.959964;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}

export interface MeanInterval {
  n: number;
  mean: number;
  /** Half-width of the 95 % confidence interval (NaN for a single score). */
  halfWidth: number;
}

export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (!n) return { n, mean: NaN, halfWidth: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, halfWidth: NaN };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, halfWidth: tQuantile975(n - 1) * Math.sqrt(variance / n) };
}

/**
 * BS.1534-3 post-screening: a listener who rates the hidden reference below 90 in more
 * than 15 % of the trials is excluded from the pooled results.
 */
export function failsReferenceScreening(hiddenReferenceScores: readonly number[]): boolean {
  if (!hiddenReferenceScores.length) return false;
  const low = hiddenReferenceScores.filter((s) => s < 90).length;
  return low / hiddenReferenceScores.length > 0.15;
}
