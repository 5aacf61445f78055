/**
 * Synthetic test material for the bench, made in the page so nothing large lands in the
 * repo: gunshot-like bursts (a loud transient with a fast decay, once a second, over a
 * faint noise floor, so the compressor has real work) and a decaying-noise impulse
 * response (what a diffuse reverb tail looks like). Deterministic: a fixed xorshift seed.
 */
import { LAB_SAMPLE_RATE } from '../../src/audio/constants';

/** xorshift32 noise in [-1, 1): cheap, repeatable, good enough for test signals. */
function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 31 - 1;
  };
}

/** Bursts of decaying noise once a second (80 ms decay constant) over a −60 dBFS floor. */
export function burstChannels(seconds: number, channels = 2, sampleRate = LAB_SAMPLE_RATE): Float32Array<ArrayBuffer>[] {
  const length = Math.round(seconds * sampleRate);
  return Array.from({ length: channels }, (_, c) => {
    const rand = noise(1234 + c);
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const sinceBurst = (i % sampleRate) / sampleRate; // seconds since the last burst
      out[i] = rand() * (0.9 * Math.exp(-sinceBurst / 0.08) + 0.001);
    }
    return out;
  });
}

/** Exponentially decaying noise: 60 dB down at `seconds` (T60 = IR length). */
export function decayingNoiseChannels(seconds: number, channels = 2, sampleRate = LAB_SAMPLE_RATE): Float32Array<ArrayBuffer>[] {
  const length = Math.round(seconds * sampleRate);
  const perSample = Math.log(1000) / length; // −60 dB over the whole length
  return Array.from({ length: channels }, (_, c) => {
    const rand = noise(99 + c);
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) out[i] = rand() * Math.exp(-perSample * i);
    return out;
  });
}

export function toAudioBuffer(channels: Float32Array<ArrayBuffer>[], sampleRate = LAB_SAMPLE_RATE): AudioBuffer {
  const buffer = new AudioBuffer({ length: channels[0].length, numberOfChannels: channels.length, sampleRate });
  channels.forEach((data, c) => buffer.copyToChannel(data, c));
  return buffer;
}

export { channelViews as channelsOf } from '../../src/audio/buffer-channels';

/**
 * Collect garbage before a timed run when Chromium was started with --expose-gc (the
 * bench does): otherwise the run after a big allocation pays for collecting it.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
