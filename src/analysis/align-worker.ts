/** Alignment off the main thread: one request (two recordings' onset regions), one lag back. */
import { findLag, type Alignment } from './align';

export interface AlignRequest {
  reference: Float32Array[];
  other: Float32Array[];
  sampleRate: number;
}

self.onmessage = (event: MessageEvent<AlignRequest>) => {
  const { reference, other, sampleRate } = event.data;
  (self as unknown as Worker).postMessage(findLag(reference, other, sampleRate) satisfies Alignment | null);
};
