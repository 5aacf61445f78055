/**
 * Measurements off the main thread: the UI posts clips, this worker runs measureClip on
 * each and posts the figures back, so a long analysis never freezes the page.
 */
import { measureClip, type ClipMeasurements, type MeasureOptions } from './measure';

export interface MeasureRequest {
  id: number;
  /** `sampleRate`: the channels' own (a file's native rate for A, the lab rate for B); `options`: e.g. A's loudness span. */
  items: { name: string; channels: Float32Array[]; sampleRate: number; options?: MeasureOptions }[];
}

export interface MeasureResponse {
  id: number;
  results: Record<string, ClipMeasurements>;
  error?: string;
}

self.onmessage = (event: MessageEvent<MeasureRequest>) => {
  const { id, items } = event.data;
  try {
    const results: Record<string, ClipMeasurements> = {};
    for (const item of items) results[item.name] = measureClip(item.channels, item.sampleRate, item.options);
    (self as unknown as Worker).postMessage({ id, results } satisfies MeasureResponse);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, results: {}, error: String(err) } satisfies MeasureResponse);
  }
};
