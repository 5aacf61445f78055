/**
 * The null test: what processing added or removed is A − B, once the two are time
 * aligned (the engine renders B aligned) and of the same polarity. A chain that flips
 * polarity (an IR whose direct sound is negative, say) would make A − B *add* the two;
 * we detect that from the sign of their correlation and use A + B instead.
 */
import type { Channels } from './levels';

/** +1 when B follows A's polarity, −1 when it is inverted (negative correlation over A's span). */
export function relativePolarity(a: Channels, b: Channels): 1 | -1 {
  let dot = 0;
  for (let c = 0; c < b.length; c++) {
    const x = a[Math.min(c, a.length - 1)];
    const y = b[c];
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) dot += x[i] * y[i];
  }
  return dot < 0 ? -1 : 1;
}

/**
 * A − polarity·B for each of B's channels, over B's length (A, shorter, counts as
 * silence past its end; a mono A is compared with every channel of B).
 */
export function difference(a: Channels, b: Channels, polarity: 1 | -1 = 1): Float32Array<ArrayBuffer>[] {
  return b.map((y, c) => {
    const x = a[Math.min(c, a.length - 1)];
    const out = new Float32Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = (i < x.length ? x[i] : 0) - polarity * y[i];
    return out;
  });
}
