/**
 * Exported WAVs go back in through the app's own decode path (decodeAudio: the browser's
 * decoder plus the lab's checks) and come out as they went: float32 bit for bit, 24-bit PCM
 * within one LSB. And the gain-reduction trace read from a real render's input and output.
 */
import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../src/audio/decode';
import { clipToWav } from '../../src/export/wav-export';
import type { ClipAudio } from '../../src/audio/coded-audio';
import { codedWav, streamableWav } from '../../src/audio/wav-stream';
import { encodeWav } from '../../src/codec/wav';
import { bufferOf, channelViews } from '../../src/audio/buffer-channels';
import { renderProcessed } from '../../src/audio/engine';
import { defaultSettings } from '../../src/audio/settings';
import { hiddenMakeupDb } from '../../src/audio/compressor-makeup';
import { gainReductionTrace } from '../../src/analysis/gain-reduction';
import { compressionGainDb } from '../../src/analysis/compressor-curve';
import { loadSample } from './helpers';

const SR = 48_000;

function maxError(a: AudioBuffer, b: AudioBuffer): number {
  expect(b.numberOfChannels).toBe(a.numberOfChannels);
  expect(b.length).toBe(a.length);
  let max = 0;
  for (let c = 0; c < a.numberOfChannels; c++) {
    const x = a.getChannelData(c);
    const y = b.getChannelData(c);
    for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]));
  }
  return max;
}

async function roundTrip(buffer: ClipAudio, format: 'pcm24' | 'float32'): Promise<AudioBuffer> {
  const bytes = await (await clipToWav(buffer, format)).arrayBuffer();
  return (await decodeAudio(bytes, `export.${format}.wav`)).buffer;
}

describe('WAV export', () => {
  // Stereo, different per side, up to just under full scale, with detail far below one 16-bit step.
  const signal = bufferOf(
    [0, 1].map((c) =>
      Float32Array.from(
        { length: SR },
        (_, i) => 0.99 * Math.sin((2 * Math.PI * (440 + 110 * c) * i) / SR) * Math.exp(-i / 8000) + 1e-6 * Math.sin(i),
      ),
    ),
    SR,
  );

  it('32-bit float re-imports sample-identical', async () => {
    expect(maxError(signal, await roundTrip(signal, 'float32'))).toBe(0);
  });

  it('24-bit PCM re-imports within one LSB (2^-23)', async () => {
    const back = await roundTrip(signal, 'pcm24');
    const error = maxError(signal, back);
    expect(error).toBeGreaterThan(0); // it really was quantised …
    expect(error).toBeLessThanOrEqual(2 ** -23); // … to the nearest 24-bit step
  });

  it('a dry slot kept as its 16-bit file’s codes exports its decoded samples: float exactly, 24-bit within a step', async () => {
    const file = new File(
      [encodeWav({ sampleRate: SR, channels: [signal.getChannelData(0), signal.getChannelData(1)] }, 'pcm16')],
      'take.wav',
    );
    const coded = codedWav(file, (await streamableWav(file))!);
    const decoded = await new OfflineAudioContext(1, 1, SR).decodeAudioData(await file.arrayBuffer());
    expect(maxError(decoded, await roundTrip(coded, 'float32'))).toBe(0);
    expect(maxError(decoded, await roundTrip(coded, 'pcm24'))).toBeLessThanOrEqual(2 ** -23);
  });

  it('a rendered slot (B: the canned shot in the canyon, with its tail) survives both formats', async () => {
    const b = await renderProcessed(
      await loadSample('gunshot-canned'),
      await loadSample('ir-canyon-narrow'),
      defaultSettings('ir-canyon-narrow'),
    );
    expect(maxError(b, await roundTrip(b, 'float32'))).toBe(0);
    expect(maxError(b, await roundTrip(b, 'pcm24'))).toBeLessThanOrEqual(2 ** -23);
  });
});

describe('gain-reduction trace of a real render', () => {
  it('a steady tone at −6 dBFS through the compressor reads the static curve’s reduction (±0.5 dB)', async () => {
    const tone = bufferOf([Float32Array.from({ length: SR }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / SR))], SR);
    const base = defaultSettings('x');
    const settings = { reverb: { ...base.reverb, enabled: false }, compressor: { ...base.compressor, enabled: true, makeup: 3 } };
    const out = await renderProcessed(tone, null, settings, -(await hiddenMakeupDb(settings.compressor)));
    const trace = gainReductionTrace(channelViews(tone), channelViews(out), SR, { stepSec: 0.01, makeupDb: 3 });
    const expected = compressionGainDb(settings.compressor, 20 * Math.log10(0.5));
    expect(expected).toBeLessThan(-15);
    for (const at of [0.4, 0.6, 0.9]) expect(Math.abs(trace.db[Math.round(at / 0.01)] - expected), `at ${at} s`).toBeLessThan(0.5);
  });
});
