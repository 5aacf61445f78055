/**
 * Run an alignment in a worker: the FFTs of two onset regions take tens of milliseconds,
 * too long for the main thread. Only the first seconds of each recording are sent (the
 * onset region lies there for any sensible pair); a fresh worker per request, ended after.
 */
import { findLag, type Alignment } from '../analysis/align';
import { channelViews } from '../audio/buffer-channels';
import type { AlignRequest } from '../analysis/align-worker';

/** Seconds of each recording sent: the onset is searched in them. */
const SENT_SECONDS = 30;

export function findLagInWorker(reference: Float32Array[], other: Float32Array[], sampleRate: number): Promise<Alignment | null> {
  const head = (channels: Float32Array[]) => channels.map((c) => c.slice(0, Math.round(SENT_SECONDS * sampleRate)));
  const request: AlignRequest = { reference: head(reference), other: head(other), sampleRate };
  const worker = new Worker(new URL('../analysis/align-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Alignment | null>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Alignment | null>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'The alignment worker failed.'));
    worker.postMessage(
      request,
      [...request.reference, ...request.other].map((c) => c.buffer),
    );
  }).finally(() => worker.terminate());
}

/** The lag of `other` behind `reference` (their dry sources): in a worker, or here when no worker can start. */
export function lagBetween(reference: AudioBuffer, other: AudioBuffer): Promise<Alignment | null> {
  const [r, o] = [channelViews(reference), channelViews(other)];
  return findLagInWorker(r, o, other.sampleRate).catch(() => findLag(r, o, other.sampleRate));
}
