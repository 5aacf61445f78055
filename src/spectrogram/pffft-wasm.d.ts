/** The parts of @echogarden/pffft-wasm (an Emscripten module without its own types) that the spectrogram uses. */
declare module '@echogarden/pffft-wasm/simd' {
  export interface PffftModule {
    HEAPF32: Float32Array;
    _pffft_new_setup(size: number, transform: 0 | 1): number;
    _pffft_aligned_malloc(bytes: number): number;
    _pffft_transform_ordered(setup: number, input: number, output: number, work: number, direction: 0 | 1): void;
  }
  export default function PFFFT(): Promise<PffftModule>;
}
