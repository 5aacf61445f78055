/**
 * Main-thread entry to the visual analyses: one shared worker, started on first use; each
 * call copies the channels it sends (the buffers stay intact) and resolves with the result.
 * The worker is ended once it has been idle for IDLE_MS: the copies it was sent stay in its
 * heap as garbage until it collects, and an idle worker does not (45–54 MB on the settled
 * lab after load, freed only by a gc() in that worker: bench/memory-by-isolate.ts).
 */
import { readRange, type ClipAudio } from '../audio/coded-audio';
import type { VisualJob, VisualResults } from './visual-jobs';

let worker: Worker | null = null;
let nextId = 0;
/** Idle this long, the worker is ended (a view asking later starts a new one: tens of ms). */
export const IDLE_MS = 2000;
let idle: ReturnType<typeof setTimeout> | undefined;

/** Ends the worker once nothing is pending for IDLE_MS. */
function endWhenIdle(): void {
  clearTimeout(idle);
  if (pending.size) return;
  idle = setTimeout(() => {
    worker?.terminate();
    worker = null;
  }, IDLE_MS);
}
const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(new URL('./visual-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
    const p = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (event.data.error !== undefined) p?.reject(new Error(event.data.error));
    else p?.resolve(event.data.result);
    endWhenIdle();
  };
  w.onerror = (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'The analysis worker failed.'));
    pending.clear();
    endWhenIdle();
  };
  return w;
}

type Extra<K extends VisualJob['kind']> = Omit<Extract<VisualJob, { kind: K }>, 'kind' | 'channels' | 'sampleRate'>;

export async function analyseVisual<K extends VisualJob['kind']>(kind: K, buffer: ClipAudio, extra?: Extra<K>): Promise<VisualResults[K]> {
  const channels = await readRange(buffer, 0, buffer.length);
  clearTimeout(idle);
  worker ??= start();
  const id = nextId++;
  const job = { kind, channels, sampleRate: buffer.sampleRate, ...extra } as VisualJob;
  // The output channels are the caller's (often an AudioBuffer's own): send copies.
  if (job.kind === 'gain-trace') job.output = job.output.map((c) => c.slice());
  const transfer = [...channels, ...(job.kind === 'gain-trace' ? job.output : [])].map((c) => c.buffer);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
    worker!.postMessage({ id, job }, transfer);
  });
}
