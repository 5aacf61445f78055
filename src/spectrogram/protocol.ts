/** Messages between the spectrogram worker and its client. */
import type { SpectrogramTile } from './stft';

export type SpectrogramRequest =
  | { type: 'load'; generation: number; channels: Float32Array[]; sampleRate: number; fftSize: number }
  | { type: 'tile'; generation: number; request: number; t0: number; t1: number; columns: number };

export type SpectrogramResponse =
  | { type: 'tile'; generation: number; request: number; tile: SpectrogramTile; engine: string; ms: number }
  | { type: 'progress'; generation: number; done: number; total: number }
  | { type: 'overview'; generation: number; tile: SpectrogramTile; ms: number }
  | { type: 'error'; generation: number; message: string };
