/**
 * Messages between the spectrogram worker and its client. The clip goes over in chunks (a
 * 5-minute stereo clip is 115 MB: one copy of it would block the page for a long time), and a
 * tile request made before all of it has arrived carries the samples it needs.
 */
import type { SpectrogramTile } from './stft';

/** Samples a tile needs, cut on the main thread while the clip is still uploading. */
export interface Excerpt {
  /** Per channel; `contiguous`: samples from `offset` on; else `frames` windows of fftSize each, end to end. */
  channels: Float32Array[];
  contiguous: boolean;
  offset: number;
}

export type SpectrogramRequest =
  | { type: 'begin'; generation: number; sampleRate: number; length: number; channelCount: number; fftSize: number }
  | { type: 'chunk'; generation: number; offset: number; channels: Float32Array[] }
  | { type: 'tile'; generation: number; request: number; t0: number; t1: number; columns: number; excerpt?: Excerpt };

export type SpectrogramResponse =
  | { type: 'tile'; generation: number; request: number; tile: SpectrogramTile; engine: string; ms: number }
  | { type: 'progress'; generation: number; done: number; total: number }
  | { type: 'overview'; generation: number; tile: SpectrogramTile; ms: number }
  | { type: 'error'; generation: number; message: string };
