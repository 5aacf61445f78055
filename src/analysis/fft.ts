/**
 * FFT-based building blocks on top of fft.js (a well-kept radix-4 FFT; we do not
 * write our own). Everything here works on plain arrays: Node and browser alike.
 */
import FFT from 'fft.js';

export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

const plans = new Map<number, FFT>();
/** fft.js precomputes twiddle tables per size; keep one plan per size. */
export function fftPlan(size: number): FFT {
  let plan = plans.get(size);
  if (!plan) {
    plan = new FFT(size);
    plans.set(size, plan);
  }
  return plan;
}

/** Full complex spectrum (interleaved re, im) of a real signal zero-padded to `size`. */
export function realSpectrum(signal: ArrayLike<number>, size: number): Float64Array {
  const plan = fftPlan(size);
  const input = new Float64Array(size);
  for (let i = 0; i < Math.min(size, signal.length); i++) input[i] = signal[i];
  const out = new Float64Array(2 * size);
  plan.realTransform(out, input);
  plan.completeSpectrum(out);
  return out;
}

/** Real part of the inverse transform of an interleaved complex spectrum. */
export function inverseReal(spectrum: Float64Array, size: number): Float64Array {
  const plan = fftPlan(size);
  const out = new Float64Array(2 * size);
  plan.inverseTransform(out, spectrum);
  const real = new Float64Array(size);
  for (let i = 0; i < size; i++) real[i] = out[2 * i];
  return real;
}

/** Linear convolution a ∗ b (length a + b − 1), by multiplying spectra. */
export function convolve(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const outLength = a.length + b.length - 1;
  const size = nextPow2(outLength);
  const A = realSpectrum(a, size);
  const B = realSpectrum(b, size);
  for (let k = 0; k < size; k++) {
    const re = A[2 * k] * B[2 * k] - A[2 * k + 1] * B[2 * k + 1];
    const im = A[2 * k] * B[2 * k + 1] + A[2 * k + 1] * B[2 * k];
    A[2 * k] = re;
    A[2 * k + 1] = im;
  }
  return inverseReal(A, size).subarray(0, outLength);
}
