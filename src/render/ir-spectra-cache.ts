/**
 * A render worker's IR spectra, kept from render to render: moving a slider re-renders B
 * with the same IR, and making its partition spectra again (a copy of the IR sent over,
 * delayed and scaled, then one FFT per partition) was work and fresh memory on every
 * render. Keyed by IR and setting (the page's key: IR, channel, gain, pre-delay,
 * partition); the page (render-pool.ts) decides what a worker keeps and tells it what to
 * forget, so it always knows which IRs it need not send. Spectra in use by a running job
 * are freed only when that job is done with them.
 */
import type { IrSpectra } from './partitioned-convolver';

interface Entry {
  spectra: IrSpectra;
  users: number;
  forgotten: boolean;
}

export class IrSpectraCache {
  private readonly entries = new Map<string, Entry>();
  private scratchFloats = new Float32Array(0);

  /**
   * Floats to make an IR's spectra from (the delayed, scaled IR), at least `length`: one
   * array reused by every IR the worker is sent, valid until the next call.
   */
  scratch(length: number): Float32Array {
    if (this.scratchFloats.length < length) this.scratchFloats = new Float32Array(length);
    return this.scratchFloats;
  }

  /** The spectra under `key`, made by `make` if not kept yet; release them when done. */
  acquire(key: string, make: (() => IrSpectra) | null): IrSpectra {
    let entry = this.entries.get(key);
    if (!entry) {
      if (!make) throw new Error(`the render worker has no spectra for IR ${key} and was sent no IR`);
      entry = { spectra: make(), users: 0, forgotten: false };
      this.entries.set(key, entry);
    }
    entry.users++;
    return entry.spectra;
  }

  release(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.users--;
    if (entry.forgotten && entry.users === 0) this.drop(key, entry);
  }

  /** No later job will ask for `key`: free it once no job uses it. */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.forgotten = true;
    if (entry.users === 0) this.drop(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    entry.spectra.free();
  }
}
