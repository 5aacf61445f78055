/**
 * The "canned" library gunshot: what cheap sound-effect libraries do to a shot so it sits
 * anywhere without trouble — and why it sounds like a popgun. Band-limited (no sub-bass
 * thump, nothing above a few kHz), shortened (no tail, no mechanics), squashed by a fast,
 * hard compressor that flattens the transient, then normalised to almost full scale.
 */
import { filter } from '../analysis/biquad';
import { compress, type CompressorParams } from './dynamics';
import { fadeOut, normalizePeak } from './signal';
import { samplePeak, firstIndexAbove } from '../analysis/levels';

export interface CannedParams {
  highpassHz: number;
  lowpassHz: number;
  /** Kept after the onset, seconds, including the fade-out. */
  keepSec: number;
  fadeOutSec: number;
  /** Compressor threshold relative to the band-limited shot's peak, dB. */
  thresholdBelowPeakDb: number;
  compressor: Omit<CompressorParams, 'thresholdDb'>;
  /** Silence kept before the onset, seconds. */
  preRollSec: number;
  peakDb: number;
}

export const CANNED: CannedParams = {
  highpassHz: 180,
  lowpassHz: 5000,
  keepSec: 0.42,
  fadeOutSec: 0.12,
  thresholdBelowPeakDb: -40,
  compressor: { ratio: 20, attackSec: 0.0002, releaseSec: 0.005, lookaheadSec: 0.001 },
  preRollSec: 0.005,
  peakDb: -0.3,
};

export function cannedGunshot(dry: Float32Array, p: CannedParams, sampleRate: number): Float32Array {
  // Two cascaded 2nd-order sections on each side: 24 dB/octave skirts, a cheap EQ's brick wall.
  let x = filter(filter(dry, 'highpass', p.highpassHz, sampleRate), 'highpass', p.highpassHz, sampleRate);
  x = filter(filter(x, 'lowpass', p.lowpassHz, sampleRate), 'lowpass', p.lowpassHz, sampleRate);
  const peakDb = 20 * Math.log10(samplePeak([x]));
  x = compress(x, { ...p.compressor, thresholdDb: peakDb + p.thresholdBelowPeakDb }, sampleRate);
  const onset = Math.max(0, firstIndexAbove([x], samplePeak([x]) * 0.01) - Math.round(p.preRollSec * sampleRate));
  const cut = x.slice(onset, onset + Math.round((p.keepSec + p.preRollSec) * sampleRate));
  return normalizePeak(fadeOut(cut, Math.round(p.fadeOutSec * sampleRate)), p.peakDb);
}
