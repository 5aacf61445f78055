/**
 * PFFFT (a SIMD real FFT compiled to WebAssembly, @echogarden/pffft-wasm) behind a small
 * typed surface. Why not fft.js, which the analysis uses: PFFFT is about 10× faster on
 * the sizes a convolution reverb needs (2^15–2^19 points, measured in NOTES.md), in
 * float32 like the browser's own ConvolverNode. Runs in Node and in workers alike.
 *
 * Spectra stay in PFFFT's internal ("unordered") layout: a convolution only multiplies
 * them, and pffft_zconvolve_accumulate works on that layout directly.
 */
import PFFFT, { type PffftModule } from '@echogarden/pffft-wasm/simd';

export type { PffftModule };

let loading: Promise<PffftModule> | null = null;

/** The WebAssembly module, compiled once per thread (about 30 ms the first time). */
export function loadWasmFft(): Promise<PffftModule> {
  loading ??= PFFFT();
  return loading;
}

const FORWARD = 0;
const BACKWARD = 1;
const REAL = 0;

/** A block of floats in the module's memory, 16-byte aligned as PFFFT requires. */
export class HeapFloats {
  readonly pointer: number;

  constructor(
    private readonly module: PffftModule,
    readonly length: number,
  ) {
    this.pointer = module._pffft_aligned_malloc(length * Float32Array.BYTES_PER_ELEMENT);
    if (!this.pointer) throw new Error(`could not allocate ${length} floats for the FFT`);
  }

  /** A view on the block. Take a fresh one after any allocation: growing the memory replaces the heap. */
  view(): Float32Array {
    return new Float32Array(this.module.HEAPF32.buffer, this.pointer, this.length);
  }

  free(): void {
    this.module._pffft_aligned_free(this.pointer);
  }
}

/** Real transforms of one size (a multiple of 32). Unscaled: inverse(forward(x)) = size · x. */
export class RealFft {
  private readonly setup: number;
  private readonly work: HeapFloats;

  constructor(
    readonly module: PffftModule,
    readonly size: number,
  ) {
    this.setup = module._pffft_new_setup(size, REAL);
    if (!this.setup) throw new Error(`PFFFT cannot do a real transform of size ${size}`);
    // A caller-owned work area: without one PFFFT takes `size` floats from the small WASM stack.
    this.work = new HeapFloats(module, size);
  }

  /** A buffer of `size` floats: one frame of time samples or one spectrum. */
  buffer(): HeapFloats {
    return new HeapFloats(this.module, this.size);
  }

  forward(input: HeapFloats, output: HeapFloats): void {
    this.module._pffft_transform(this.setup, input.pointer, output.pointer, this.work.pointer, FORWARD);
  }

  inverse(input: HeapFloats, output: HeapFloats): void {
    this.module._pffft_transform(this.setup, input.pointer, output.pointer, this.work.pointer, BACKWARD);
  }

  /** sum += a · b · scaling (spectra as forward() leaves them). */
  multiplyAccumulate(a: HeapFloats, b: HeapFloats, sum: HeapFloats, scaling: number): void {
    this.module._pffft_zconvolve_accumulate(this.setup, a.pointer, b.pointer, sum.pointer, scaling);
  }

  dispose(): void {
    this.work.free();
    this.module._pffft_destroy_setup(this.setup);
  }
}
