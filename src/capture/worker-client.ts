/** The main thread's side of the capture worker: one request, one promised outcome. */
import type { CaptureJob, CaptureRequest, CaptureResponse } from './worker';
import type { IrOutcome } from './process';

export class CaptureWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (outcome: IrOutcome) => void>();

  /** Run a job; recordings in it are transferred (the caller must not use them afterwards). */
  run(job: CaptureJob): Promise<IrOutcome> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const transfer = job.kind === 'design' ? [] : job.recording.map((c) => c.buffer);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker!.postMessage({ id, job } satisfies CaptureRequest, transfer);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('The capture was cancelled.');
  }

  private start(): Worker {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<CaptureResponse>) => {
      this.pending.get(event.data.id)?.(event.data.outcome);
      this.pending.delete(event.data.id);
    };
    worker.onerror = (event) => {
      // A crashed worker answers nothing more: fail what waits, start afresh next time.
      event.preventDefault();
      worker.terminate();
      if (this.worker === worker) this.worker = null;
      this.failAll(`The capture worker failed: ${event.message || 'unknown error'}.`);
    };
    return worker;
  }

  private failAll(reason: string): void {
    for (const resolve of this.pending.values()) resolve({ ok: false, reason });
    this.pending.clear();
  }
}
