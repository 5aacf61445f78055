/**
 * Painting a spectrogram tile into pixels: colour scale, frequency axis (linear or
 * logarithmic) and the mapping of the visible time window onto frames. Only the visible
 * pixels are painted, whatever the clip's length.
 */
import { FLOOR_CODE_DB, type SpectrogramTile } from './stft';

export type FrequencyScale = 'linear' | 'log';
/** The log axis starts here: below it a 2048-point frame has under one bin per octave. */
export const LOG_MIN_HZ = 20;

/** Dark → purple → red → orange → pale yellow: level reads as brightness, even in grey print. */
const STOPS: [number, number, number, number][] = [
  [0, 0, 0, 6],
  [0.2, 40, 12, 90],
  [0.45, 140, 30, 110],
  [0.7, 235, 90, 40],
  [0.88, 250, 180, 40],
  [1, 252, 250, 190],
];

export function colourAt(v: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, v));
  let i = 1;
  while (i < STOPS.length - 1 && STOPS[i][0] < x) i++;
  const [p0, r0, g0, b0] = STOPS[i - 1];
  const [p1, r1, g1, b1] = STOPS[i];
  const t = (x - p0) / (p1 - p0);
  return [Math.round(r0 + (r1 - r0) * t), Math.round(g0 + (g1 - g0) * t), Math.round(b0 + (b1 - b0) * t)];
}

/** RGBA (as one little-endian uint32) per level code: `floorDb` → darkest, 0 dBFS → brightest, after `gainDb`. */
export function colourTable(floorDb: number, gainDb = 0): Uint32Array {
  const lut = new Uint32Array(256);
  for (let code = 0; code < 256; code++) {
    const db = FLOOR_CODE_DB + (code * -FLOOR_CODE_DB) / 255 + gainDb;
    const [r, g, b] = colourAt((db - floorDb) / -floorDb);
    lut[code] = (255 << 24) | (b << 16) | (g << 8) | r;
  }
  return lut;
}

/** Frequency at a height 0 (bottom) … 1 (top). */
export function frequencyAt(y: number, scale: FrequencyScale, nyquist: number): number {
  return scale === 'linear' ? y * nyquist : LOG_MIN_HZ * (nyquist / LOG_MIN_HZ) ** y;
}

/** Height 0 … 1 of a frequency (inverse of frequencyAt). */
export function heightOf(hz: number, scale: FrequencyScale, nyquist: number): number {
  return scale === 'linear' ? hz / nyquist : Math.log(hz / LOG_MIN_HZ) / Math.log(nyquist / LOG_MIN_HZ);
}

/** For each pixel row (top first), the bins it covers: [first, last]. */
export function rowBins(rows: number, tile: Pick<SpectrogramTile, 'bins' | 'sampleRate' | 'fftSize'>, scale: FrequencyScale): Int32Array {
  const out = new Int32Array(rows * 2);
  const nyquist = tile.sampleRate / 2;
  const binHz = tile.sampleRate / tile.fftSize;
  for (let r = 0; r < rows; r++) {
    const lo = frequencyAt(1 - (r + 1) / rows, scale, nyquist) / binHz;
    const hi = frequencyAt(1 - r / rows, scale, nyquist) / binHz;
    const first = Math.min(tile.bins - 1, Math.max(0, Math.round(lo)));
    out[2 * r] = first;
    out[2 * r + 1] = Math.min(tile.bins - 1, Math.max(first, Math.round(hi) - 1));
  }
  return out;
}

/** Labelled frequency ticks that fit the axis: round numbers, in Hz or kHz. */
export function frequencyTicks(scale: FrequencyScale, nyquist: number): { hz: number; label: string }[] {
  const values =
    scale === 'log'
      ? [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]
      : Array.from({ length: Math.floor(nyquist / 4000) }, (_, i) => (i + 1) * 4000);
  return values.filter((hz) => hz < nyquist * 0.97).map((hz) => ({ hz, label: hz >= 1000 ? `${hz / 1000} kHz` : `${hz} Hz` }));
}

export interface TimeWindow {
  /** Seconds at the left and right edges of the picture. */
  t0: number;
  t1: number;
}

/**
 * Paint `tile` over `window` into `pixels` (width × rows, RGBA as uint32). Each pixel takes
 * the loudest of the frames and bins it covers (up to 3 frames and 8 bins, evenly spread:
 * a fit view of a long clip covers thousands per column and would take far longer than a
 * frame to paint), so a short event is not averaged away. Columns the tile does not cover
 * stay as they were.
 */
export function paintTile(
  pixels: Uint32Array,
  width: number,
  rows: number,
  tile: SpectrogramTile,
  window: TimeWindow,
  bins: Int32Array,
  lut: Uint32Array,
): void {
  const secondsPerPx = (window.t1 - window.t0) / width;
  const frameOf = (t: number) => (t * tile.sampleRate - tile.start) / tile.hop;
  for (let x = 0; x < width; x++) {
    const a = frameOf(window.t0 + x * secondsPerPx);
    const b = frameOf(window.t0 + (x + 1) * secondsPerPx);
    let f0 = Math.round(a);
    let f1 = Math.max(f0, Math.ceil(b) - 1);
    if (f1 < 0 || f0 >= tile.frames) continue;
    f0 = Math.max(0, f0);
    f1 = Math.min(tile.frames - 1, f1);
    const fStep = Math.max(1, Math.ceil((f1 - f0 + 1) / 3));
    for (let r = 0; r < rows; r++) {
      const k0 = bins[2 * r];
      const k1 = bins[2 * r + 1];
      const kStep = Math.max(1, Math.ceil((k1 - k0 + 1) / 8));
      let max = 0;
      for (let f = f0; f <= f1; f += fStep) {
        const row = f * tile.bins;
        for (let k = k0; k <= k1; k += kStep) if (tile.data[row + k] > max) max = tile.data[row + k];
      }
      pixels[r * width + x] = lut[max];
    }
  }
}

/** Whether `tile` covers all of `window`. */
export function covers(tile: SpectrogramTile, window: TimeWindow): boolean {
  const first = (tile.start - tile.hop / 2) / tile.sampleRate;
  const last = (tile.start + (tile.frames - 0.5) * tile.hop) / tile.sampleRate;
  return first <= window.t0 + 1e-6 && last >= window.t1 - 1e-6;
}

/** Whether `tile` has at least one frame per pixel column over `window` (else a finer tile is wanted). */
export function sharpEnough(tile: SpectrogramTile, window: TimeWindow, width: number): boolean {
  const framesPerPx = ((window.t1 - window.t0) * tile.sampleRate) / tile.hop / width;
  return framesPerPx >= 0.75;
}
