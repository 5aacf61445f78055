/**
 * A long WAV read from its File slice by slice into the AudioBuffer gives the samples
 * Chromium's decodeAudioData gives (every 16-bit code, float samples as they are), across
 * slice boundaries; what it does not read (another rate, 24-bit) is left to decodeAudioData.
 */
import { expect, it } from 'vitest';
import { encodeWav, type WavSampleFormat } from '../../src/codec/wav';
import { readWavFile, streamableWav } from '../../src/audio/wav-stream';

const LAB = 48_000;
const wavFile = (channels: Float32Array[], format: WavSampleFormat, rate = LAB) =>
  new File([encodeWav({ sampleRate: rate, channels }, format)], 'take.wav');

/** Samples where the two buffers differ (0 when equal, bit for bit). */
function differences(a: AudioBuffer, b: AudioBuffer): number {
  let n = 0;
  for (let c = 0; c < a.numberOfChannels; c++) {
    const x = a.getChannelData(c);
    const y = b.getChannelData(c);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) n++;
  }
  return n;
}

async function bothWays(file: File): Promise<[AudioBuffer, AudioBuffer]> {
  const wav = await streamableWav(file, 0);
  expect(wav).not.toBeNull();
  const fractions: number[] = [];
  const streamed = await readWavFile(file, wav!, (f) => fractions.push(f));
  expect(fractions.at(-1)).toBe(1);
  const decoded = await new OfflineAudioContext(1, 1, LAB).decodeAudioData(await file.arrayBuffer());
  expect([streamed.length, streamed.numberOfChannels]).toEqual([decoded.length, decoded.numberOfChannels]);
  return [streamed, decoded];
}

it('reads every 16-bit code and float samples as decodeAudioData does', { timeout: 15_000 }, async () => {
  // Every code in channel 0, in reverse in channel 1, past two slice boundaries (2^18 frames each: the samples go
  // straight into the buffer at each slice's place).
  const codes = Float32Array.from({ length: 2 * (1 << 18) + 7_000 }, (_, i) => ((i % 65_536) - 32_768) / 32_768);
  expect(differences(...(await bothWays(wavFile([codes, codes.slice().reverse()], 'pcm16'))))).toBe(0);
  const noise = Float32Array.from({ length: 40_000 }, (_, i) => Math.sin(i * 12.9898) * 0.9);
  expect(differences(...(await bothWays(wavFile([noise], 'float32'))))).toBe(0);
});

it('leaves other rates, 24-bit and small files to decodeAudioData', async () => {
  const x = new Float32Array(1000);
  expect(await streamableWav(wavFile([x], 'pcm16', 44_100), 0)).toBeNull();
  expect(await streamableWav(wavFile([x], 'pcm24'), 0)).toBeNull();
  expect(await streamableWav(wavFile([x], 'pcm16'))).toBeNull();
});
