/**
 * A few render workers (one per core, up to four) kept for the page's lifetime: the
 * WebAssembly FFT compiles once per worker, not once per render. A task streams its
 * input to a worker in chunks, a couple in flight at a time, and gets each finished
 * chunk of output back as soon as it is made, so neither side ever holds a whole
 * film-length channel twice and progress follows the work. The chunks' memory goes back
 * and forth for reuse by every task of the worker instead of being allocated anew (first
 * touches of fresh memory are slow on this machine), and each worker keeps the spectra of
 * the IRs it was last sent (ir-spectra-cache.ts): on a film reel, fresh
 * buffers by the thousand made the page collect garbage for 100–200 ms at a time (measured
 * with the Long Tasks API). Cancel (an AbortSignal)
 * stops a task between two chunks; the worker itself lives on for the next render.
 */
import type { ConvolveTask } from './convolve-job';
import type { WorkerRequest, WorkerResponse } from './render-worker';
import type { ChannelMeasure } from './stream-meter';

export interface PoolTask {
  task: ConvolveTask;
  /** Copy input channel `c`'s frames [from, to) into `into`; returns how many there were (fewer or none past its end). */
  read(c: number, from: number, to: number, into: Float32Array): number;
  /** null when input frames before `frame` can be read now, else a promise of when (the input may still be rendering). */
  whenReadable(frame: number): Promise<void> | null;
  /** Number of input channels. */
  inputCount: number;
  /** Frames per message: a whole number of the task's partitions. */
  chunkFrames: number;
  /** A finished piece of the output: `data` goes at frame `position`. */
  onOutput(position: number, data: Float32Array<ArrayBuffer>): void;
}

/** Input chunks a task may have at a worker before its output comes back. */
const IN_FLIGHT = 2;

interface Slot {
  worker: Worker | null;
  active: number;
  /** Keys of the IR spectra the worker keeps (IrSpectraCache), least recently used first. */
  irKeys: string[];
  /** Input chunk buffers back from the worker, and output buffers to hand back to it: reused by every task. */
  spareInputs: ArrayBuffer[];
  spareOutputs: ArrayBuffer[];
  /** Buffers an IR channel was sent in, back from the worker once it made the spectra: the next IR's copy goes in one. */
  spareIrs: ArrayBuffer[];
}

/** IR spectra a worker keeps: enough for two renders' IRs (a true-stereo IR puts two on a worker). */
const KEPT_IRS = 4;
/** Spare chunk buffers kept per worker and direction. */
const KEPT_SPARES = 8;
/** Spare IR buffers kept per worker: a true-stereo IR sends two channels to one worker. */
const KEPT_IR_SPARES = 2;

interface Running {
  slot: Slot;
  pool: PoolTask;
  next: number;
  inFlight: number;
  /** Waiting for input that is still being rendered. */
  waiting: boolean;
  resolve: (m: ChannelMeasure) => void;
  reject: (e: Error) => void;
}

export function abortError(): DOMException {
  return new DOMException('The render was cancelled.', 'AbortError');
}

let shared: RenderPool | null = null;

/** One pool for every render and measurement of the page. */
export function sharedRenderPool(): RenderPool {
  shared ??= new RenderPool();
  return shared;
}

/** Start the shared pool's workers and load their WebAssembly: once per page, before the first render (after the first view). */
export function warmRenderPool(): void {
  sharedRenderPool().warm();
}

export class RenderPool {
  readonly size: number;
  private readonly slots: Slot[];
  private readonly running = new Map<number, Running>();
  private nextId = 1;

  constructor(
    size = Math.min(4, Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 2)),
    private readonly makeWorker: () => Worker = () => new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.size = size;
    this.slots = Array.from({ length: size }, () => ({
      worker: null,
      active: 0,
      irKeys: [],
      spareInputs: [],
      spareOutputs: [],
      spareIrs: [],
    }));
  }

  /** Run one task on the least busy worker; rejects with an AbortError when `signal` fires. */
  run(pool: PoolTask, signal?: AbortSignal): Promise<ChannelMeasure> {
    if (signal?.aborted) return Promise.reject(abortError());
    const slot = this.slots.reduce((a, b) => (b.active < a.active ? b : a));
    const id = this.nextId++;
    return new Promise<ChannelMeasure>((resolve, reject) => {
      const running: Running = {
        slot,
        pool,
        next: pool.task.streamFrom,
        inFlight: 0,
        waiting: false,
        resolve,
        reject,
      };
      this.running.set(id, running);
      slot.active++;
      const onAbort = () => {
        if (!this.running.has(id)) return;
        this.post(slot, { type: 'cancel', id });
        this.settle(id, abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanUp = () => signal?.removeEventListener('abort', onAbort);
      running.resolve = (m) => (cleanUp(), resolve(m));
      running.reject = (e) => (cleanUp(), reject(e));
      this.begin(slot, id, pool.task);
      this.pump(id);
    });
  }

  /** Start every worker and have it load its WebAssembly now, so the first render does not wait for either. */
  warm(): void {
    for (const slot of this.slots) this.post(slot, { type: 'warm', id: 0 });
  }

  /**
   * Hand the worker its task: each IR channel as a copy (transferred, in a buffer an earlier
   * IR came back in when one is large enough) unless the worker keeps its spectra from an
   * earlier task; what it keeps beyond KEPT_IRS it is told to forget.
   */
  private begin(slot: Slot, id: number, task: ConvolveTask): void {
    const worker = this.workerOf(slot);
    const copies: ArrayBuffer[] = [];
    const paths = task.paths.map(({ input, ir, key }) => {
      const kept = key !== undefined && slot.irKeys.includes(key);
      if (key !== undefined) slot.irKeys = [...slot.irKeys.filter((k) => k !== key), key];
      if (kept || !ir) return { input, key };
      const reused = spareOf(slot.spareIrs, ir.length);
      const copy = reused ? new Float32Array(reused, 0, ir.length) : ir.slice();
      if (reused) copy.set(ir);
      copies.push(copy.buffer);
      return { input, ir: copy, key };
    });
    for (const key of slot.irKeys.splice(0, Math.max(0, slot.irKeys.length - KEPT_IRS))) worker.postMessage({ type: 'forget', id, key });
    worker.postMessage({ type: 'begin', id, task: { ...task, paths } } satisfies WorkerRequest, copies);
  }

  /** Stop every worker; running tasks reject. The pool starts new workers if used again. */
  dispose(): void {
    for (const id of [...this.running.keys()]) this.settle(id, new Error('The render pool was shut down.'));
    for (const slot of this.slots) {
      slot.worker?.terminate();
      slot.worker = null;
    }
  }

  private workerOf(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const worker = this.makeWorker();
    slot.irKeys = []; // a new worker keeps nothing yet
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.receive(event.data);
    worker.onerror = (event) => {
      // A worker that failed (its WebAssembly did not load, say) answers nothing more.
      event.preventDefault();
      worker.terminate();
      if (slot.worker === worker) slot.worker = null;
      const reason = new Error(`The render worker failed: ${event.message || 'unknown error'}.`);
      for (const [id, r] of this.running) if (r.slot === slot) this.settle(id, reason);
    };
    slot.worker = worker;
    return worker;
  }

  private post(slot: Slot, message: WorkerRequest, transfer: Transferable[] = []): void {
    this.workerOf(slot).postMessage(message, transfer);
  }

  /** Send input chunks until IN_FLIGHT are out, or all are; then ask for the result. */
  private pump(id: number): void {
    const r = this.running.get(id);
    if (!r) return;
    const { task, inputCount, chunkFrames } = r.pool;
    const used = new Set([...task.paths.map((p) => p.input), ...(task.dry ? [task.dry.input] : [])]);
    while (r.inFlight < IN_FLIGHT && r.next < task.to && !r.waiting) {
      const from = r.next;
      const frames = Math.min(chunkFrames, task.to - from);
      const wait = r.pool.whenReadable(from + frames);
      if (wait) {
        r.waiting = true;
        wait.then(
          () => {
            r.waiting = false;
            this.pump(id);
          },
          (err: unknown) => this.settle(id, err instanceof Error ? err : new Error(String(err))),
        );
        break;
      }
      // Copies of the chunk (transferred): the caller's channels stay whole.
      const inputs = Array.from({ length: inputCount }, (_, c) => {
        if (!used.has(c)) return undefined;
        const into = new Float32Array(spareOf(r.slot.spareInputs, frames) ?? new ArrayBuffer(chunkFrames * Float32Array.BYTES_PER_ELEMENT));
        const n = r.pool.read(c, from, from + frames, into);
        if (n > 0) return into.subarray(0, n);
        r.slot.spareInputs.push(into.buffer);
        return undefined;
      });
      const spare = r.slot.spareOutputs.splice(0);
      const transfer = [...inputs.flatMap((x) => (x ? [x.buffer] : [])), ...spare];
      this.post(r.slot, { type: 'input', id, inputs, frames, spare }, transfer);
      r.next += frames;
      r.inFlight++;
    }
    if (r.inFlight === 0 && r.next >= task.to) this.post(r.slot, { type: 'end', id });
  }

  private receive(message: WorkerResponse): void {
    const r = this.running.get(message.id);
    if (!r) return; // cancelled: late answers are dropped
    switch (message.type) {
      case 'output':
        r.inFlight--;
        if (message.data.length) r.pool.onOutput(message.position, message.data);
        keep(r.slot.spareOutputs, message.data.buffer.byteLength ? [message.data.buffer] : []);
        keep(r.slot.spareInputs, message.inputs);
        this.pump(message.id);
        break;
      case 'irs':
        keep(r.slot.spareIrs, message.buffers, KEPT_IR_SPARES);
        break;
      case 'done':
        this.settle(message.id, message.measure);
        break;
      case 'error':
        this.settle(message.id, new Error(`The render failed: ${message.message}`));
        break;
    }
  }

  private settle(id: number, outcome: ChannelMeasure | Error): void {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    r.slot.active--;
    if (outcome instanceof Error) r.reject(outcome);
    else r.resolve(outcome);
  }
}

/** A spare buffer from `spares` that holds `frames` floats, taken out; undefined if none does. */
function spareOf(spares: ArrayBuffer[], frames: number): ArrayBuffer | undefined {
  const i = spares.findIndex((b) => b.byteLength >= frames * Float32Array.BYTES_PER_ELEMENT);
  return i < 0 ? undefined : spares.splice(i, 1)[0];
}

/** Add buffers to `spares`, keeping the newest `kept`. */
function keep(spares: ArrayBuffer[], buffers: readonly ArrayBuffer[], kept = KEPT_SPARES): void {
  spares.push(...buffers);
  spares.splice(0, Math.max(0, spares.length - kept));
}
