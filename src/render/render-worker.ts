/**
 * The render worker: runs ConvolveJobs for the pool (render-pool.ts), several at once if
 * asked, each fed its input in chunks. Messages are handled one at a time, so a cancel
 * lands between two chunks and the job's memory is freed at once.
 */
import { ConvolveJob, type ConvolveTask } from './convolve-job';
import { IrSpectraCache } from './ir-spectra-cache';
import type { ChannelMeasure } from './stream-meter';
import { loadWasmFft } from './wasm-fft';

export type WorkerRequest =
  /** Load the WebAssembly now, before the first render needs it. */
  | { type: 'warm'; id: number }
  | { type: 'begin'; id: number; task: ConvolveTask }
  /** The page will not send IR `key` again: free its spectra (once no job uses them). */
  | { type: 'forget'; id: number; key: string }
  /** `spare`: output buffers the page is done with, for the job to fill again. */
  | { type: 'input'; id: number; inputs: (Float32Array | undefined)[]; frames: number; spare: ArrayBuffer[] }
  | { type: 'end'; id: number }
  | { type: 'cancel'; id: number };

export type WorkerResponse =
  /** `inputs`: the input chunks' buffers, handed back for reuse. */
  | { type: 'output'; id: number; position: number; data: Float32Array<ArrayBuffer>; inputs: ArrayBuffer[] }
  /** The buffers the task's IR channels came in, handed back once their spectra are made. */
  | { type: 'irs'; id: number; buffers: ArrayBuffer[] }
  | { type: 'done'; id: number; measure: ChannelMeasure }
  | { type: 'error'; id: number; message: string };

const jobs = new Map<number, ConvolveJob>();
const irSpectra = new IrSpectraCache();
/** Output buffers the page handed back, for any job to fill again (fresh memory costs page faults on first touch). */
const spares: ArrayBuffer[] = [];
const MAX_SPARES = 8;
const scope = self as unknown as Worker;

function answer(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function close(id: number): void {
  jobs.get(id)?.dispose();
  jobs.delete(id);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    // Every handler awaits the same promise: after it settles they still run in arrival order.
    const module = await loadWasmFft();
    switch (request.type) {
      case 'warm':
        break;
      case 'begin': {
        jobs.set(request.id, new ConvolveJob(module, request.task, irSpectra));
        const buffers = request.task.paths.flatMap((p) => (p.ir ? [p.ir.buffer as ArrayBuffer] : []));
        if (buffers.length) answer({ type: 'irs', id: request.id, buffers }, buffers);
        break;
      }
      case 'forget':
        irSpectra.forget(request.key);
        break;
      case 'input': {
        spares.push(...request.spare);
        spares.splice(0, spares.length - MAX_SPARES);
        const job = jobs.get(request.id);
        if (!job) return; // cancelled meanwhile
        const fits = spares.findIndex((b) => b.byteLength >= request.frames * Float32Array.BYTES_PER_ELEMENT);
        const out = job.push(request.inputs, request.frames, fits < 0 ? undefined : spares.splice(fits, 1)[0]);
        const inputs = request.inputs.flatMap((x) => (x ? [x.buffer as ArrayBuffer] : []));
        answer({ type: 'output', id: request.id, ...out, inputs }, [out.data.buffer, ...inputs]);
        break;
      }
      case 'end': {
        const job = jobs.get(request.id);
        if (!job) return;
        const measure = job.finish();
        close(request.id);
        answer({ type: 'done', id: request.id, measure }, [measure.energies.buffer]);
        break;
      }
      case 'cancel':
        close(request.id);
        break;
    }
  } catch (err) {
    close(request.id);
    answer({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) });
  }
};
