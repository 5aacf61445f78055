/**
 * True peak (ITU-R BS.1770-4 Annex 2): the peak of the signal reconstructed between
 * samples, estimated by 4× oversampling. BS.1770 leaves the interpolation filter to the
 * implementer within limits; ours is, like the example in its Annex 2, a 48-tap
 * low-pass (12 taps per polyphase branch): a Blackman-windowed sinc cut off at the
 * original Nyquist frequency, each branch normalised to unity DC gain. A test checks it against signals whose true peak
 * is known exactly.
 *
 * Speed: interpolating every sample of a minute of stereo costs ~140 M multiply-adds.
 * An inter-sample peak of ordinary audio stays within a few dB of its neighbouring
 * samples, so we only interpolate where a sample reaches within 6 dB of the running
 * peak — everything else cannot hold the maximum.
 */
import type { Channels } from './levels';

const FACTOR = 4;
const TAPS_PER_PHASE = 12;
const CANDIDATE_RATIO = 0.5; // −6 dB

function designPhases(): Float64Array[] {
  const n = FACTOR * TAPS_PER_PHASE;
  const centre = (n - 1) / 2;
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i - centre) / FACTOR;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (n - 1));
    h[i] = sinc * w;
  }
  return Array.from({ length: FACTOR }, (_, p) => {
    const phase = new Float64Array(TAPS_PER_PHASE);
    for (let k = 0; k < TAPS_PER_PHASE; k++) phase[k] = h[k * FACTOR + p];
    const sum = phase.reduce((a, b) => a + b, 0);
    return phase.map((v) => v / sum);
  });
}

const PHASES = designPhases();

/**
 * Branch p at input index j estimates the signal at time j − DELAY + p/4 (the filter's
 * group delay is (48 − 1)/2 output samples = 5.875 input samples), so j = m + 6 gives
 * the four points from m + 0.125 to m + 0.875: the interval between samples m and m + 1.
 */
const DELAY_SAMPLES = 6;

/** Largest absolute value of the 4× oversampled signal over all channels (linear). */
export function truePeak(channels: Channels): number {
  let peak = 0;
  for (const x of channels) for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  for (const x of channels) {
    for (let m = 0; m + 1 < x.length; m++) {
      if (Math.max(Math.abs(x[m]), Math.abs(x[m + 1])) < peak * CANDIDATE_RATIO) continue;
      const j = m + DELAY_SAMPLES;
      for (const phase of PHASES) {
        let acc = 0;
        for (let k = 0; k < TAPS_PER_PHASE; k++) {
          const idx = j - k;
          if (idx >= 0 && idx < x.length) acc += phase[k] * x[idx];
        }
        const a = Math.abs(acc);
        if (a > peak) peak = a;
      }
    }
  }
  return peak;
}
