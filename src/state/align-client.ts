/**
 * Run an alignment in a worker: the FFTs of two onset regions take tens of milliseconds,
 * too long for the main thread. Only the first seconds of each recording are sent (the
 * onset region lies there for any sensible pair); a fresh worker per request, ended after.
 */
import { findLag, type Alignment } from '../analysis/align';
import { rangeReader, type ClipAudio } from '../audio/coded-audio';
import type { AlignRequest } from '../analysis/align-worker';
import type { Notifications } from './notifications.svelte';
import type { Slot } from './slot.svelte';

/** What aligning a slot needs of the comparison. */
interface AlignHost {
  readonly reference: Slot | undefined;
  slot(id: string): Slot | undefined;
  setOffset(id: string, seconds: number): void;
}

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
export async function lagBetween(reference: ClipAudio, other: ClipAudio): Promise<Alignment | null> {
  const frames = Math.round(SENT_SECONDS * other.sampleRate);
  // Views on a decoded clip, a read of a clip's file: findLagInWorker sends copies.
  const head = async (a: ClipAudio) => {
    const reader = rangeReader(a, frames);
    try {
      return await reader.read(0, frames);
    } finally {
      reader.close();
    }
  };
  const [r, o] = await Promise.all([head(reference), head(other)]);
  return findLagInWorker(r, o, other.sampleRate).catch(() => findLag(r, o, other.sampleRate));
}

/** Align slot `id` to the reference (GCC-PHAT on the onsets) and set its offset; a silent or unrelated pair is said, and left as it is. */
export async function alignSlot(c: AlignHost, notes: Notifications, id: string): Promise<void> {
  const s = c.slot(id);
  const ref = c.reference;
  if (!s || !ref || s === ref) return;
  if (!s.audio || !ref.audio) return;
  // The dry sources, not the renders: a reverb's tail must not pull the lag.
  const found = await lagBetween(ref.audio, s.audio);
  if (!found) {
    notes.notify('warning', `${s.label} or ${ref.label} is silent: there is nothing to align.`);
    return;
  }
  s.alignment = { seconds: found.lagSeconds, confidence: found.confidence };
  if (found.confidence < 8) {
    notes.notify('warning', `${s.label} and ${ref.label} do not look like the same event (weak match): the offset was left as it was.`);
    return;
  }
  c.setOffset(s.id, ref.offset - found.lagSeconds);
  notes.announcer.aligned(s.label, ref.label, found.lagSeconds);
}
