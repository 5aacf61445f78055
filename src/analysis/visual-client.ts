/**
 * Main-thread entry to the visual analyses: one shared worker, started on first use; each
 * call copies the channels it sends (the buffers stay intact) and resolves with the result.
 */
import { channelCopies } from '../audio/buffer-channels';
import type { VisualJob, VisualResults } from './visual-jobs';

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(new URL('./visual-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
    const p = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (event.data.error !== undefined) p?.reject(new Error(event.data.error));
    else p?.resolve(event.data.result);
  };
  w.onerror = (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'The analysis worker failed.'));
    pending.clear();
  };
  return w;
}

type Extra<K extends VisualJob['kind']> = Omit<Extract<VisualJob, { kind: K }>, 'kind' | 'channels' | 'sampleRate'>;

export function analyseVisual<K extends VisualJob['kind']>(kind: K, buffer: AudioBuffer, extra?: Extra<K>): Promise<VisualResults[K]> {
  worker ??= start();
  const id = nextId++;
  const channels = channelCopies(buffer);
  const job = { kind, channels, sampleRate: buffer.sampleRate, ...extra } as VisualJob;
  // The output channels are the caller's (often an AudioBuffer's own): send copies.
  if (job.kind === 'gain-trace') job.output = job.output.map((c) => c.slice());
  const transfer = [...channels, ...(job.kind === 'gain-trace' ? job.output : [])].map((c) => c.buffer);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
    worker!.postMessage({ id, job }, transfer);
  });
}
