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
  return {
    size,
    name: 'pffft-wasm',
    power(frame, power) {
      // Views are taken per call: the WASM heap may have grown (and moved) since the last.
      new Float32Array(m.HEAPF32.buffer, input, size).set(frame);
      m._pffft_transform_ordered(setup, input, output, work, 0);
      const out = new Float32Array(m.HEAPF32.buffer, output, size);
      // Ordered real output: [X0.re, X(N/2).re, X1.re, X1.im, …].
      power[0] = out[0] * out[0];
      power[size / 2] = out[1] * out[1];
      for (let k = 1; k < size / 2; k++) power[k] = out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1];
    },
  };
}
