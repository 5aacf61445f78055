/**
 * A WAV at the lab rate, of any size, read from its File slice by slice into the AudioBuffer
 * (or, 16-bit and 24-bit, kept in its file and read from it range by range) gives the samples Chromium's decodeAudioData gives (every 16-bit code, 24-bit codes across
 * their range, float samples as they are, up to 32 channels), across slice boundaries; what
 * it does not read (another rate, 8-bit) is left to decodeAudioData.
 */
import { expect, it } from 'vitest';
import { encodeWav, type WavSampleFormat } from '../../src/codec/wav';
import { codedWav, readWavFile, streamableWav } from '../../src/audio/wav-stream';
import { CodedAudio, rangeReader, wholeChannelsInSteps, type ClipAudio } from '../../src/audio/coded-audio';
import { decodeFile } from '../../src/audio/decode';
import { convertFile, makeFile } from './reference-tools';

const LAB = 48_000;
const wavFile = (channels: Float32Array[], format: WavSampleFormat, rate = LAB) =>
  new File([encodeWav({ sampleRate: rate, channels }, format)], 'take.wav');

/** Samples where the two buffers differ (0 when equal, bit for bit). */
async function differences(a: ClipAudio, b: AudioBuffer): Promise<number> {
  let n = 0;
  const whole = await wholeChannelsInSteps(a);
  for (let c = 0; c < a.numberOfChannels; c++) {
    const x = whole[c];
    const y = b.getChannelData(c);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) n++;
  }
  return n;
}

async function bothWays(file: File): Promise<[AudioBuffer, AudioBuffer]> {
  const wav = await streamableWav(file);
  expect(wav).not.toBeNull();
  const fractions: number[] = [];
  const streamed = await readWavFile(file, wav!, (f) => fractions.push(f));
  expect(fractions.at(-1)).toBe(1);
  const decoded = await new OfflineAudioContext(1, 1, LAB).decodeAudioData(await file.arrayBuffer());
  expect([streamed.length, streamed.numberOfChannels]).toEqual([decoded.length, decoded.numberOfChannels]);
  if (wav!.encoding !== 'f32') await expectCodesEqual(codedWav(file, wav!), decoded);
  return [streamed, decoded];
}

/** The file's codes read as the decoded samples: whole, and in ranges that start and end anywhere, forward and back. */
async function expectCodesEqual(codes: CodedAudio, decoded: AudioBuffer): Promise<void> {
  expect(codes.bytes).toBe(codes.length * codes.numberOfChannels * codes.width);
  expect([codes.length, codes.numberOfChannels, codes.sampleRate]).toEqual([decoded.length, decoded.numberOfChannels, LAB]);
  expect(await differences(codes, decoded)).toBe(0);
  const reader = rangeReader(codes, 5_000);
  for (const from of [0, 5_000, 1, 4_799, Math.max(0, codes.length - 2_345), 3]) {
    const range = await reader.read(from, from + 5_000);
    for (let c = 0; c < codes.numberOfChannels; c++) {
      const want = decoded.getChannelData(c).subarray(from, from + 5_000);
      expect(range[c].length).toBe(want.length);
      expect(
        range[c].every((v, i) => Object.is(v, want[i])),
        `channel ${c} from ${from}`,
      ).toBe(true);
    }
  }
  reader.close();
}

it('reads every 16-bit code and float samples as decodeAudioData does', { timeout: 15_000 }, async () => {
  // Every code in channel 0, in reverse in channel 1, past two slice boundaries (2^18 frames each: the samples go
  // straight into the buffer at each slice's place).
  const codes = Float32Array.from({ length: 2 * (1 << 18) + 7_000 }, (_, i) => ((i % 65_536) - 32_768) / 32_768);
  expect(await differences(...(await bothWays(wavFile([codes, codes.slice().reverse()], 'pcm16'))))).toBe(0);
  const noise = Float32Array.from({ length: 40_000 }, (_, i) => Math.sin(i * 12.9898) * 0.9);
  expect(await differences(...(await bothWays(wavFile([noise], 'float32'))))).toBe(0);
});

it('reads 24-bit codes across their range, small files and many channels as decodeAudioData does', { timeout: 15_000 }, async () => {
  // Every 37th 24-bit code and the extremes, past a slice boundary (1 MB: 349 525 frames of 24-bit mono).
  const codes = Float32Array.from(
    { length: 453_430 },
    (_, i) => Math.max(-8_388_608, Math.min(8_388_607, -8_388_608 + 37 * i)) / 8_388_608,
  );
  codes.set([1 - 1 / 8_388_608, -1, 1 / 8_388_608, 0], 1000);
  expect(await differences(...(await bothWays(wavFile([codes], 'pcm24'))))).toBe(0);
  const shot = Float32Array.from({ length: 4_800 }, (_, i) => Math.sin(i * 0.05) * Math.exp(-i / 900));
  expect(await differences(...(await bothWays(wavFile([shot, shot], 'pcm16'))))).toBe(0); // 19 KB
  const six = Array.from({ length: 6 }, (_, c) => shot.map((v) => v * (c + 1) * 0.15));
  for (const format of ['pcm16', 'pcm24', 'float32'] as const) {
    const [streamed, decoded] = await bothWays(wavFile(six, format));
    expect(streamed.numberOfChannels).toBe(6);
    expect(await differences(streamed, decoded)).toBe(0);
  }
});

/** An 8-bit WAV (unsigned samples), written by hand: encodeWav writes 16, 24 and 32-bit ones. */
function eightBitWav(samples: number): File {
  const bytes = new Uint8Array(44 + samples);
  const v = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((ch, k) => v.setUint8(at + k, ch.charCodeAt(0)));
  text(0, 'RIFF');
  v.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true);
  v.setUint32(24, LAB, true);
  v.setUint32(28, LAB, true);
  v.setUint16(32, 1, true);
  v.setUint16(34, 8, true);
  text(36, 'data');
  v.setUint32(40, samples, true);
  bytes.fill(128, 44);
  return new File([bytes], 'eight.wav');
}

it('leaves other rates and 8-bit files to decodeAudioData', async () => {
  const x = new Float32Array(1000);
  expect(await streamableWav(wavFile([x], 'pcm16', 44_100))).toBeNull();
  expect(await streamableWav(eightBitWav(1000))).toBeNull();
  expect(await streamableWav(wavFile([x], 'pcm24'))).not.toBeNull();
});

it(
  'keeps the codes of WAVs written by sox and ffmpeg (extensible headers, metadata chunks, 6 channels) as ffmpeg reads them',
  { timeout: 60_000 },
  async () => {
    const files = [
      {
        name: 'sox-stereo-24.wav',
        bytes: await makeFile(
          'sox',
          ['-n', '-r', '48000', '-b', '24', '-c', '2', 'sox-stereo-24.wav', 'synth', '1.3', 'sine', '440', 'sine', '1234', 'vol', '0.7'],
          'sox-stereo-24.wav',
        ),
      },
      {
        name: 'sox-six-16.wav',
        bytes: await makeFile(
          'sox',
          ['-n', '-r', '48000', '-b', '16', '-c', '6', 'sox-six-16.wav', 'synth', '0.6', 'pinknoise', 'vol', '0.5'],
          'sox-six-16.wav',
        ),
      },
      {
        name: 'ffmpeg-tagged-16.wav',
        bytes: await makeFile(
          'ffmpeg',
          [
            '-v',
            'error',
            '-f',
            'lavfi',
            '-i',
            'sine=f=330:d=1.1:r=48000',
            '-ac',
            '2',
            '-metadata',
            'title=Take 3, alley',
            '-metadata',
            'artist=Recordist',
            '-c:a',
            'pcm_s16le',
            '-rf64',
            'never',
            '-y',
            'ffmpeg-tagged-16.wav',
          ],
          'ffmpeg-tagged-16.wav',
        ),
      },
    ];
    for (const { name, bytes } of files) {
      const file = new File([bytes], name);
      const { buffer } = await decodeFile(file, { role: 'clip' });
      expect(buffer, name).toBeInstanceOf(CodedAudio);
      const decoded = await new OfflineAudioContext(1, 1, LAB).decodeAudioData(bytes.slice().buffer);
      expect(await differences(buffer, decoded), name).toBe(0);
      // ffmpeg's own reading, interleaved float: the same samples up to its scaling of positive codes (1/32768, not 1/32767).
      const raw = await convertFile(
        'ffmpeg',
        ['-v', 'error', '-i', name, '-f', 'f32le', '-acodec', 'pcm_f32le', '-y', 'out.raw'],
        bytes,
        name,
        'out.raw',
      );
      const theirs = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
      const ours = await wholeChannelsInSteps(buffer);
      expect(theirs.length, name).toBe(buffer.length * buffer.numberOfChannels);
      let worst = 0;
      for (let i = 0; i < buffer.length; i++)
        for (let c = 0; c < buffer.numberOfChannels; c++)
          worst = Math.max(worst, Math.abs(ours[c][i] - theirs[i * buffer.numberOfChannels + c]));
      expect(worst, name).toBeLessThan(1e-4);
    }
  },
);
