// @echogarden/pffft-wasm ships no types; this declares the part of its Emscripten module we use.
declare module '@echogarden/pffft-wasm/simd' {
  export interface PffftModule {
    /** A transform plan of size n; kind 0 = real, 1 = complex. Returns a pointer (0 when n is unsupported). */
    _pffft_new_setup(n: number, kind: 0 | 1): number;
    _pffft_destroy_setup(setup: number): void;
    /** Unordered (internal layout) transform; direction 0 = forward, 1 = backward (unscaled). */
    _pffft_transform(setup: number, input: number, output: number, work: number, direction: 0 | 1): void;
    /** dftAb += dftA · dftB · scaling, on spectra in the internal layout. */
    _pffft_zconvolve_accumulate(setup: number, dftA: number, dftB: number, dftAb: number, scaling: number): void;
    /** 16-byte aligned allocation of `bytes`; pointer into HEAPF32's buffer. */
    _pffft_aligned_malloc(bytes: number): number;
    _pffft_aligned_free(pointer: number): void;
    /** The module's memory; replaced (a new view) whenever the memory grows. */
    HEAPF32: Float32Array;
  }
  export default function PFFFT(options?: Record<string, unknown>): Promise<PffftModule>;
}
