/**
 * Short-time Fourier transform for the spectrogram: periodic Hann window, frames centred on
 * `start + f·hop` (hop may be fractional: a zoomed-in tile wants one frame per pixel), power
 * averaged over the channels (one picture per slot, whatever its width).
 *
 * Scaling: a sine of amplitude A reads 20·log10(A) dBFS in its bin when it sits on the bin's
 * centre (|X| · 2 / Σw with Σw = N/2 for Hann); between bins Hann's scalloping takes up to
 * 1.42 dB off.
 */
import type { PowerFft } from './fft-engine';

/** Spectrogram levels are kept as bytes: 0 = this many dBFS (or less), 255 = 0 dBFS; 0.59 dB a step. */
export const FLOOR_CODE_DB = -150;
export const MIN_FFT_SIZE = 256;
export const MAX_FFT_SIZE = 8192;
/** 2048 at 48 kHz: 23 Hz bins and 43 ms frames, enough to see a shot's crack and its low boom apart. */
export const DEFAULT_FFT_SIZE = 2048;

export function hann(size: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
}

export interface StftRange {
  /** Centre of frame 0, in samples. */
  start: number;
  /** Samples between frame centres (may be fractional). */
  hop: number;
  frames: number;
}

export interface SpectrogramTile extends StftRange {
  sampleRate: number;
  fftSize: number;
  /** size/2 + 1 */
  bins: number;
  /** Level codes (see FLOOR_CODE_DB), frame-major: data[f · bins + k]. */
  data: Uint8Array;
}

export const codeToDb = (code: number) => FLOOR_CODE_DB + (code * -FLOOR_CODE_DB) / 255;

const bits = new Float32Array(1);
const word = new Int32Array(bits.buffer);
/**
 * log2(x) for x > 0 from the float's exponent and a quadratic in its mantissa (error < 0.005,
 * i.e. 0.015 dB, against codes 0.59 dB apart): Math.log10 on every bin of every frame was
 * the largest cost of a whole-clip spectrogram, more than the FFTs.
 */
function fastLog2(x: number): number {
  bits[0] = x;
  const w = word[0];
  word[0] = (w & 0x7fffff) | 0x3f800000;
  const m = bits[0];
  // The quadratic gives 1 + log2(m) for m in [1, 2): hence the exponent bias of 128, not 127.
  return ((w >> 23) & 255) - 128 + (-0.34484843 * m + 2.02466578) * m - 0.67487759;
}

/**
 * Frames `range` of the channels into level codes. `onRow` is called after every frame (the
 * worker uses it to stop early when cancelled: return false).
 */
export function stftTile(
  channels: readonly Float32Array[],
  sampleRate: number,
  fft: PowerFft,
  range: StftRange,
  onRow?: (frame: number) => boolean | void,
): SpectrogramTile {
  const size = fft.size;
  const bins = size / 2 + 1;
  const window = hann(size);
  const frame = new Float32Array(size);
  const power = new Float32Array(bins);
  const sum = new Float32Array(bins);
  const data = new Uint8Array(range.frames * bins);
  // Power → dB with the amplitude scaling above, averaged over channels.
  const scale = (2 / (size / 2)) ** 2 / Math.max(1, channels.length);
  const perCode = 255 / -FLOOR_CODE_DB;
  // code = (10·log10(p) − FLOOR) · perCode, with 10·log10(p) = 10·log10(2) · log2(p).
  const perLog2 = 10 * Math.log10(2) * perCode;
  const offset = -FLOOR_CODE_DB * perCode;
  for (let f = 0; f < range.frames; f++) {
    const centre = Math.round(range.start + f * range.hop);
    const first = centre - size / 2;
    sum.fill(0);
    for (const ch of channels) {
      if (first >= 0 && first + size <= ch.length) {
        for (let i = 0; i < size; i++) frame[i] = ch[first + i] * window[i];
      } else {
        for (let i = 0; i < size; i++) {
          const j = first + i;
          frame[i] = j >= 0 && j < ch.length ? ch[j] * window[i] : 0;
        }
      }
      fft.power(frame, power);
      for (let k = 0; k < bins; k++) sum[k] += power[k];
    }
    const row = f * bins;
    for (let k = 0; k < bins; k++) {
      const p = sum[k] * scale;
      const code = p > 0 ? fastLog2(p) * perLog2 + offset : 0;
      data[row + k] = code <= 0 ? 0 : code >= 255 ? 255 : Math.round(code);
    }
    if (onRow?.(f) === false) return { ...range, frames: f + 1, sampleRate, fftSize: size, bins, data: data.subarray(0, (f + 1) * bins) };
  }
  return { ...range, sampleRate, fftSize: size, bins, data };
}

/**
 * Hop for the whole clip, computed once: a quarter frame, doubled until there are at most
 * 8192 frames (a 5-minute clip at 2048 points: no overlap). The whole-clip picture serves the
 * fit view (a few thousand pixels at most) and fills in while a zoomed tile is on its way.
 */
export function overviewRange(frames: number, fftSize: number): StftRange {
  let hop = fftSize / 4;
  while (frames / hop > 8192) hop *= 2;
  return { start: 0, hop, frames: Math.ceil(frames / hop) + 1 };
}

/** A tile of `columns` frames over [t0, t1) seconds: one frame per pixel column. */
export function visibleRange(t0: number, t1: number, columns: number, sampleRate: number): StftRange {
  const hop = Math.max(1, ((t1 - t0) * sampleRate) / Math.max(1, columns));
  return { start: t0 * sampleRate + hop / 2, hop, frames: Math.max(1, Math.round(columns)) };
}
