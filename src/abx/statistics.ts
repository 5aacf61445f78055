/**
 * Statistics of a blind ABX test. Under the null hypothesis (the listener cannot tell A
 * from B) every answer is a fair coin, so the number correct out of n is Binomial(n, ½).
 * The one-sided p-value is the chance of doing at least this well by guessing.
 */

/** Binomial coefficient C(n, k), exact for the n an ABX test uses (n ≤ 1000 in doubles is fine up to ~2^53). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  const kk = Math.min(k, n - k);
  for (let i = 1; i <= kk; i++) c = (c * (n - kk + i)) / i;
  return Math.round(c);
}

/** P(X ≥ correct) for X ~ Binomial(trials, ½). 1 when nothing was answered. */
export function abxPValue(correct: number, trials: number): number {
  if (trials <= 0) return 1;
  let tail = 0;
  for (let k = Math.max(0, correct); k <= trials; k++) tail += binomial(trials, k);
  return Math.min(1, tail / 2 ** trials);
}

/** Fewest correct answers out of `trials` whose p-value is at most `alpha`. */
export function correctNeeded(trials: number, alpha = 0.05): number {
  for (let k = 0; k <= trials; k++) if (abxPValue(k, trials) <= alpha) return k;
  return trials + 1;
}
