/**
 * Band-limited resampling by windowed-sinc interpolation (Kaiser window), for the sample
 * rates the browser refuses to decode or hold (below 3 kHz, above 768 kHz). The kernel's
 * cut-off sits at 45 % of the lower of the two rates, so nothing above the new Nyquist
 * folds back when going down, and no images of the old spectrum appear when going up.
 * Kernel values come from a table of 1024 phases per sample, linearly interpolated.
 */

/** Zero crossings of the sinc on each side of the centre, at the lower rate. */
const HALF_WIDTH = 24;
/** Kaiser β: about 90 dB of stop-band attenuation. */
const BETA = 9;
const PHASES = 1024;
const CUTOFF = 0.9; // of the lower rate's Nyquist frequency

/** Zeroth-order modified Bessel function of the first kind (its power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50 && term > 1e-12 * sum; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/** Kernel table over |t| in [0, HALF_WIDTH] zero crossings, PHASES points per crossing. */
function kernelTable(): Float64Array {
  const t = new Float64Array(HALF_WIDTH * PHASES + 2);
  const norm = besselI0(BETA);
  for (let i = 0; i < t.length; i++) {
    const x = i / PHASES; // in zero crossings
    const r = x / HALF_WIDTH;
    const window = r < 1 ? besselI0(BETA * Math.sqrt(1 - r * r)) / norm : 0;
    t[i] = (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)) * window;
  }
  return t;
}
// Made on first use: its 25 k Bessel series took ~20 ms of the page's start-up, where nothing resamples.
let table: Float64Array | undefined;

function kernel(taps: Float64Array, crossings: number): number {
  const p = Math.abs(crossings) * PHASES;
  const i = Math.floor(p);
  if (i >= taps.length - 1) return 0;
  return taps[i] + (p - i) * (taps[i + 1] - taps[i]);
}

/** `x` at `from` Hz as it would have been sampled at `to` Hz (length scaled by to/from). */
export function resample(x: Float32Array, from: number, to: number): Float32Array<ArrayBuffer> {
  const taps = (table ??= kernelTable());
  const out = new Float32Array(Math.round((x.length * to) / from));
  const ratio = from / to; // input samples per output sample
  // Cut-off in cycles per input sample, and the kernel's zero-crossing rate in input samples.
  const fc = (CUTOFF * Math.min(from, to)) / 2 / from;
  const scale = 2 * fc; // sinc zero crossings per input sample; also the kernel's gain
  const reach = Math.ceil(HALF_WIDTH / scale);
  for (let n = 0; n < out.length; n++) {
    const t = n * ratio;
    const centre = Math.floor(t);
    let sum = 0;
    const k0 = Math.max(0, centre - reach + 1);
    const k1 = Math.min(x.length - 1, centre + reach);
    for (let k = k0; k <= k1; k++) sum += x[k] * kernel(taps, (t - k) * scale);
    out[n] = sum * scale;
  }
  return out;
}
