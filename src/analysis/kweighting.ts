/**
 * K-weighting (ITU-R BS.1770-4): a high-frequency shelf (+4 dB above ~1.7 kHz, the
 * head's acoustic effect) followed by a high-pass (RLB, ~38 Hz). BS.1770 tabulates the
 * coefficients for 48 kHz only; for any rate we re-derive them by the bilinear transform
 * from the analog prototypes, whose parameters (f0, gain, Q) are the ones that reproduce
 * the published 48 kHz table (a test checks that to 1e-7).
 */
import type { Biquad } from './biquad';

const SHELF_F0 = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
/** Shelf's mid-band gain exponent (Vb = Vh^x). */
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGHPASS_F0 = 38.13547087602444;
const HIGHPASS_Q = 0.5003270373238773;

/**
 * The lowest sample rate these filters can be formed at, rounded up to a whole kHz: the
 * shelf's centre must lie below the Nyquist frequency (3.4 kHz). From there up a file is
 * measured at its own rate (a 4–7 kHz file read within 0.02 LU of ffmpeg, which measures
 * at 48 kHz; the lab's 48 kHz copy of it read 0.3 LU and its peak 0.4 dB off).
 */
export const K_WEIGHTING_MIN_RATE = Math.ceil((2 * SHELF_F0) / 1000) * 1000;

export function kWeightingFilters(sampleRate: number): [Biquad, Biquad] {
  const k1 = Math.tan((Math.PI * SHELF_F0) / sampleRate);
  const vh = 10 ** (SHELF_GAIN_DB / 20);
  const vb = vh ** SHELF_VB_EXPONENT;
  const a0s = 1 + k1 / SHELF_Q + k1 * k1;
  const shelf: Biquad = {
    b0: (vh + (vb * k1) / SHELF_Q + k1 * k1) / a0s,
    b1: (2 * (k1 * k1 - vh)) / a0s,
    b2: (vh - (vb * k1) / SHELF_Q + k1 * k1) / a0s,
    a1: (2 * (k1 * k1 - 1)) / a0s,
    a2: (1 - k1 / SHELF_Q + k1 * k1) / a0s,
  };
  const k2 = Math.tan((Math.PI * HIGHPASS_F0) / sampleRate);
  const a0h = 1 + k2 / HIGHPASS_Q + k2 * k2;
  // BS.1770's high-pass keeps a unity numerator (1, −2, 1); only the poles are scaled.
  const highPass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (k2 * k2 - 1)) / a0h, a2: (1 - k2 / HIGHPASS_Q + k2 * k2) / a0h };
  return [shelf, highPass];
}
