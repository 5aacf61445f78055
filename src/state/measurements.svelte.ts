/**
 * Measurements of every slot and impulse response, computed in a worker whenever they
 * change (only what changed is measured again). Only the newest request's answer is kept.
 * The worker reads each clip range by range from here (no whole copy of a clip is made).
 */
import type { ClipMeasurements, Measured, MeasureOptions } from '../analysis/measure';
import type { MeasureBlock, MeasureRequest, MeasureResponse } from '../analysis/worker';

/** What to measure: a buffer at the lab rate, or a file's channels at its own rate; with the measuring options. */
export interface MeasureItem {
  audio: AudioBuffer | { sampleRate: number; channels: readonly Float32Array[] };
  options?: MeasureOptions;
}

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

  private worker: Worker | null = null;
  private latest = 0;
  /** Results by the audio they were measured on: a slot that did not change is not copied or measured again. */
  private readonly known = new WeakMap<object, { options: string; result: ClipMeasurements }>();
  /** The newest request: results reused from `known`, and what was sent, by name (the worker reads its samples from here). */
  private pending: { reused: Measured; sent: Map<string, { audio: MeasureItem['audio']; options: string }> } | null = null;

  /**
   * Measure the given items (null entries are cleared): an AudioBuffer (at the lab rate),
   * or channels at their own rate (a file measured unresampled), each with its options.
   * Items whose audio and options were measured before keep their figures.
   */
  update(entries: Record<string, MeasureItem | null>): void {
    const items: MeasureRequest['items'] = [];
    const reused: Measured = {};
    const sent = new Map<string, { audio: MeasureItem['audio']; options: string }>();
    for (const [name, entry] of Object.entries(entries)) {
      if (!entry) continue;
      const { audio, options } = entry;
      const key = JSON.stringify(options ?? {});
      const known = this.known.get(audio);
      if (known?.options === key) {
        reused[name] = known.result;
        continue;
      }
      // Only the clip's shape goes over: the worker asks for its samples range by range (answer()).
      const length = audio instanceof AudioBuffer ? audio.length : (audio.channels[0]?.length ?? 0);
      const channelCount = audio instanceof AudioBuffer ? audio.numberOfChannels : audio.channels.length;
      items.push({ name, sampleRate: audio.sampleRate, length, channelCount, ...(options ? { options } : {}) });
      sent.set(name, { audio, options: key });
    }
    const id = ++this.latest;
    this.pending = { reused, sent };
    if (!items.length) {
      this.busy = false;
      this.error = null;
      this.results = reused;
      return;
    }
    this.busy = true;
    this.worker ??= this.startWorker();
    this.worker.postMessage({ type: 'measure', id, items } satisfies MeasureRequest);
  }

  /**
   * The samples the worker asks for: copies of one range (the originals stay with the engine)
   * in the buffers it handed back, or null for a superseded request (its spares go back unused).
   */
  private answer(m: Extract<MeasureResponse, { type: 'read' }>): void {
    const audio = m.id === this.latest ? this.pending?.sent.get(m.name)?.audio : undefined;
    const spare = [...m.spare];
    const channels = audio ? rangeOf(audio, m.from, m.to, spare) : null;
    const transfer = [...(channels?.map((c) => c.buffer) ?? []), ...spare];
    this.worker?.postMessage({ type: 'block', ticket: m.ticket, channels, spare } satisfies MeasureBlock, transfer);
  }

  get(name: string): ClipMeasurements | null {
    return this.results[name] ?? null;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('../analysis/worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<MeasureResponse>) => {
      if (event.data.type === 'read') return this.answer(event.data);
      if (event.data.id !== this.latest) return;
      this.busy = false;
      this.error = event.data.error ?? null;
      if (event.data.error || !this.pending) return;
      const { reused, sent } = this.pending;
      for (const [name, result] of Object.entries(event.data.results)) {
        const from = sent.get(name);
        if (from && result) this.known.set(from.audio, { options: from.options, result });
      }
      this.results = { ...reused, ...event.data.results };
    };
    worker.onerror = (event) => {
      this.busy = false;
      this.error = event.message || 'The analysis worker failed.';
    };
    return worker;
  }
}

/**
 * Frames [from, to) of every channel, copied into the `spare` buffers (taken from it; each
 * large enough) or new ones where there are too few (copyFromChannel: no view of the whole
 * buffer is made). Past a buffer's end: silence; past a file's channels' end: a shorter range.
 */
function rangeOf(audio: MeasureItem['audio'], from: number, to: number, spare: ArrayBuffer[]): Float32Array<ArrayBuffer>[] {
  const into = (frames: number) => (spare.length ? new Float32Array(spare.shift()!, 0, frames) : new Float32Array(frames));
  if (!(audio instanceof AudioBuffer)) {
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
