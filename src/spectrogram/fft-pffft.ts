/**
 * PFFFT (BSD-3, compiled to WebAssembly by @echogarden/pffft-wasm) behind the PowerFft
 * interface. Loaded only by the spectrogram worker, so its WebAssembly never enters the
 * initial bundle; compiling it needs 'wasm-unsafe-eval' in the page's CSP (scripts/vite-csp.ts).
 */
import PFFFT from '@echogarden/pffft-wasm/simd';
import type { PowerFft } from './fft-engine';

let module: Promise<Awaited<ReturnType<typeof PFFFT>>> | null = null;

export async function pffftEngine(size: number): Promise<PowerFft> {
  module ??= PFFFT();
  const m = await module;
  const setup = m._pffft_new_setup(size, 0);
  const input = m._pffft_aligned_malloc(size * 4);
  const output = m._pffft_aligned_malloc(size * 4);
  const work = m._pffft_aligned_malloc(size * 4);
  let heap: ArrayBufferLike | null = null;
  let inView: Float32Array = new Float32Array(0);
  let out: Float32Array = new Float32Array(0);
  return {
    size,
    name: 'pffft-wasm',
    power(frame, power) {
      // New views only when the WASM heap has grown (and so moved).
      if (m.HEAPF32.buffer !== heap) {
        heap = m.HEAPF32.buffer;
        inView = new Float32Array(heap, input, size);
        out = new Float32Array(heap, output, size);
      }
      inView.set(frame);
      m._pffft_transform_ordered(setup, input, output, work, 0);
      // Ordered real output: [X0.re, X(N/2).re, X1.re, X1.im, …].
      power[0] = out[0] * out[0];
      power[size / 2] = out[1] * out[1];
      for (let k = 1; k < size / 2; k++) power[k] = out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1];
    },
  };
}
