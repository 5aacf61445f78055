/**
 * Measurements of every slot and impulse response, computed in a worker whenever they
 * change (only what changed is measured again). Each clip's figures are kept as they come;
 * the table shows them once every clip of the newest request has its own (never a mix of
 * old and new). The worker reads each clip range by range from here (no whole copy of a clip is made).
 */
import { CodedAudio, type ClipAudio } from '../audio/coded-audio';
import { fromDb } from '../analysis/levels';
import type { ClipMeasurements, Measured, MeasureOptions } from '../analysis/measure';
import type { MeasureBlock, MeasureRequest, MeasureResponse } from '../analysis/worker';

/** What to measure: a buffer at the lab rate, or a file's channels at its own rate; with the measuring options. */
export interface MeasureItem {
  /** A clip at the lab rate (decoded, or read from its file), or a file's channels at its own rate. */
  audio: ClipAudio | { sampleRate: number; channels: readonly Float32Array[] };
  options?: MeasureOptions;
}

/** `audio` measured with `seconds` of silence after it (what its loudness gates over). */
export function withSilenceAfter(audio: MeasureItem['audio'], seconds: number): MeasureItem {
  const duration = 'channels' in audio ? (audio.channels[0]?.length ?? 0) / audio.sampleRate : audio.duration;
  return { audio, options: { loudnessSpanSeconds: duration + seconds } };
}

/** The key of measuring options: the same key is the same figures. */
const optionKeyOf = (options: MeasureOptions | undefined) => JSON.stringify(options ?? {});

/** Why a wait for figures ended without them: nothing asks for that clip any more. */
const noLongerWanted = () => new DOMException('The measurement is no longer wanted.', 'AbortError');

/** Clips measured at once: one per core of a two-core machine (a third would only share them). */
const MAX_WORKERS = 2;

export class MeasurementsState {
  results = $state.raw<Measured>({});
  busy = $state(false);
  error = $state<string | null>(null);

  /** `upstreamBusy`: what is measured is being made anew (a render on its way), so the figures shown are old. */
  constructor(private readonly upstreamBusy: () => boolean = () => false) {}

  /** The figures shown are not those of what is heard now: being measured, or what they measure is being rendered. */
  get stale(): boolean {
    return this.busy || this.upstreamBusy();
  }

  /** Frames handed to the worker so far (what measuring has cost the page: work thrown away shows here). */
  framesRead = 0;
  private workers: Worker[] = [];
  /** The worker measuring each clip of the newest request, by key. */
  private assigned = new Map<string, Worker>();
  /** Results by the audio they were measured on: a slot that did not change is not copied or measured again. */
  private readonly known = new WeakMap<object, { options: string; result: ClipMeasurements }>();
  /** A key per audio object: the worker's name for "this audio with these options". */
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;
  /** The newest request: the figures already known by name, and what the worker still measures, by key. */
  private pending: { known: Measured; wanted: Map<string, { names: string[]; audio: MeasureItem['audio']; options: string }> } | null =
    null;

  /**
   * Measure the given items (null entries are cleared): an AudioBuffer (at the lab rate),
   * or channels at their own rate (a file measured unresampled), each with its options.
   * Items whose audio and options were measured before keep their figures.
   */
  update(entries: Record<string, MeasureItem | null>): void {
    const items: MeasureRequest['items'] = [];
    const known: Measured = {};
    const wanted = new Map<string, { names: string[]; audio: MeasureItem['audio']; options: string }>();
    for (const [name, entry] of Object.entries(entries)) {
      if (!entry) continue;
      const { audio, options } = entry;
      const optionKey = optionKeyOf(options);
      const before = this.known.get(audio);
      if (before?.options === optionKey) {
        known[name] = before.result;
        continue;
      }
      if (!this.ids.has(audio)) this.ids.set(audio, ++this.nextId);
      const key = `${this.ids.get(audio)} ${optionKey}`;
      const same = wanted.get(key);
      if (same) {
        same.names.push(name);
        continue;
      }
      wanted.set(key, { names: [name], audio, options: optionKey });
      performance.mark(`lab:measure:ask ${name}`);
      // Only the clip's shape goes over: the worker asks for its samples range by range (answer()), or reads a clip's file itself.
      const length = 'channels' in audio ? (audio.channels[0]?.length ?? 0) : audio.length;
      const channelCount = 'channels' in audio ? audio.channels.length : audio.numberOfChannels;
      const file = audio instanceof CodedAudio ? { file: audio.file } : {};
      items.push({ key, sampleRate: audio.sampleRate, length, channelCount, ...file, ...(options ? { options } : {}) });
    }
    this.pending = { known, wanted };
    this.error = null;
    for (const d of this.deferred.splice(0)) this.answer(d.m, d.worker); // those no longer wanted are told so
    this.dropWaiters((w) => [...wanted.values()].some((v) => v.audio === w.audio && v.options === w.options), noLongerWanted());
    if (!items.length && !this.workers.length) return this.settle();
    // Each clip stays with the worker measuring it; the others go to the least busy one, so that
    // B, landing while A is measured, is measured beside it rather than after it. Both workers
    // start with the first request: one started when B lands would cost B its start-up.
    while (this.workers.length < MAX_WORKERS) this.startWorker();
    const lists = new Map<Worker, MeasureRequest['items']>(this.workers.map((w) => [w, []]));
    const assigned = new Map<string, Worker>();
    for (const item of items) {
      const worker = this.assigned.get(item.key) ?? [...lists].sort((a, b) => a[1].length - b[1].length)[0][0];
      lists.get(worker)!.push(item);
      assigned.set(item.key, worker);
    }
    this.assigned = assigned;
    // Sent also when empty: a worker then drops what it was asked before.
    for (const [worker, list] of lists) worker.postMessage({ type: 'measure', items: list } satisfies MeasureRequest);
    this.settle();
  }

  /**
   * The samples the worker asks for: copies of one range (the originals stay with the engine)
   * in the buffers it handed back, or null for a clip no longer wanted (its spares go back unused).
   */
  private answer(m: Extract<MeasureResponse, { type: 'read' }>, worker: Worker): void {
    const audio = this.pending?.wanted.get(m.key)?.audio;
    const written = audio && this.growing.get(audio);
    if (written !== undefined && audio && !('channels' in audio) && Math.min(m.to, audio.length) > written) {
      this.deferred.push({ m, worker });
      return;
    }
    const spare = [...m.spare];
    const channels = audio ? copiesOf(audio, m.from, m.to, spare) : null;
    if (channels) this.framesRead += m.to - m.from;
    const transfer = [...(channels?.map((c) => c.buffer) ?? []), ...spare];
    worker.postMessage({ type: 'block', ticket: m.ticket, channels, spare } satisfies MeasureBlock, transfer);
  }

  /** Buffers still being written (a render on its way), by the frames written from their start. */
  private readonly growing = new WeakMap<object, number>();
  /** Reads of such a buffer beyond what is written: answered as it is written, or once it is no longer wanted. */
  private deferred: { m: Extract<MeasureResponse, { type: 'read' }>; worker: Worker }[] = [];

  /**
   * `audio` has its first `frames` frames written so far (B while it renders): measured as
   * it is written, its figures come a moment after it lands rather than a pass over it later.
   */
  written(audio: AudioBuffer, frames: number): void {
    if (frames >= audio.length) this.growing.delete(audio);
    else this.growing.set(audio, frames);
    for (const d of this.deferred.splice(0)) this.answer(d.m, d.worker);
  }

  /** One clip's figures came: kept by its audio; shown once every clip of the newest request has its figures. */
  private received(m: Extract<MeasureResponse, { type: 'result' }>): void {
    const pending = this.pending;
    const item = pending?.wanted.get(m.key);
    if (!pending || !item) return;
    pending.wanted.delete(m.key);
    performance.mark(`lab:measure:got ${item.names.join(',')}`);
    this.assigned.delete(m.key);
    if (m.error || !m.result) this.error = m.error ?? 'The analysis failed.';
    else {
      this.known.set(item.audio, { options: item.options, result: m.result });
      for (const name of item.names) pending.known[name] = m.result;
    }
    for (const w of this.waiters.splice(0)) {
      if (w.audio !== item.audio || w.options !== item.options) this.waiters.push(w);
      else if (m.result) w.resolve(m.result);
      else w.reject(new Error(m.error ?? 'The analysis failed.'));
    }
    this.settle();
  }

  private waiters: { audio: object; options: string; resolve: (r: ClipMeasurements) => void; reject: (e: Error) => void }[] = [];

  /**
   * The figures of `item` once the worker has them (at once when known): a dry slot's
   * matching gain takes its loudness from here rather than from a pass of its own. Ask
   * after update() has asked for it; rejects when a newer update() no longer does, or it fails.
   */
  figuresOf(item: MeasureItem, signal?: AbortSignal): Promise<ClipMeasurements> {
    const options = optionKeyOf(item.options);
    const before = this.known.get(item.audio);
    if (before?.options === options) return Promise.resolve(before.result);
    return new Promise((resolve, reject) => {
      const waiter = { audio: item.audio, options, resolve, reject };
      const abort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(noLongerWanted());
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** A clip's sample peak (linear) and integrated loudness as heard, measured with `tailSeconds` of silence after it; null if that failed. */
  async levelsOf(audio: ClipAudio, tailSeconds: number, signal: AbortSignal): Promise<{ peak: number; loudness: number | null } | null> {
    const m = await this.figuresOf(withSilenceAfter(audio, tailSeconds), signal).catch(() => null);
    signal.throwIfAborted();
    return m && { peak: fromDb(m.samplePeakDbfs), loudness: m.integratedLufs };
  }

  /** Waiters that `keep` does not keep are told they get no figures, with `reason`. */
  private dropWaiters(keep: (w: (typeof this.waiters)[number]) => boolean, reason: Error): void {
    for (const w of this.waiters.splice(0)) {
      if (keep(w)) this.waiters.push(w);
      else w.reject(reason);
    }
  }

  private settle(): void {
    const pending = this.pending;
    this.busy = !!pending?.wanted.size;
    if (pending && !pending.wanted.size && !this.error) this.results = { ...pending.known };
  }

  get(name: string): ClipMeasurements | null {
    return this.results[name] ?? null;
  }

  dispose(): void {
    this.dropWaiters(() => false, noLongerWanted());
    for (const w of this.workers) w.terminate();
    this.workers = [];
    this.assigned.clear();
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('../analysis/worker.ts', import.meta.url), { type: 'module' });
    this.workers.push(worker);
    worker.onmessage = (event: MessageEvent<MeasureResponse>) => {
      if (event.data.type === 'read') this.answer(event.data, worker);
      else this.received(event.data);
    };
    worker.onerror = (event) => {
      this.busy = false;
      this.error = event.message || 'The analysis worker failed.';
      this.dropWaiters(() => false, new Error(this.error));
    };
    return worker;
  }
}

/**
 * Frames [from, to) of every channel, copied into the `spare` buffers (taken from it; each
 * large enough) or new ones where there are too few (copyFromChannel: no view of the whole
 * buffer is made). Past a buffer's end: silence; past a file's channels' end: a shorter range.
 */
function copiesOf(audio: MeasureItem['audio'], from: number, to: number, spare: ArrayBuffer[]): Float32Array<ArrayBuffer>[] {
  if (audio instanceof CodedAudio) throw new Error('A clip kept in its file is read by the worker itself.');
  const into = (frames: number) => (spare.length ? new Float32Array(spare.shift()!, 0, frames) : new Float32Array(frames));
  if ('channels' in audio) {
    const frames = Math.max(0, Math.min(to, audio.channels[0]?.length ?? 0) - from);
    return audio.channels.map((c) => {
      const x = into(frames);
      x.set(c.subarray(from, from + frames));
      return x;
    });
  }
  const frames = Math.max(0, to - from);
  return Array.from({ length: audio.numberOfChannels }, (_, c) => {
    const x = into(frames);
    audio.copyFromChannel(x, c, from);
    x.fill(0, Math.max(0, Math.min(frames, audio.length - from))); // a reused buffer still holds an older range
    return x;
  });
}
