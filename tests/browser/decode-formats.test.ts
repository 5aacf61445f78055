/**
 * Files the browser cannot decode, through the app's real decode path in Chromium
 * (decodeAudio, checkFile): what the lab reads itself, and what it names and why.
 * Test files come from sox and ffmpeg (independent encoders), through a Vitest command.
 */
import { describe, expect, it } from 'vitest';
import { AudioInputError, checkFile, decodeAudio, type DecodeOptions } from '../../src/audio/decode';
import { encodeWav } from '../../src/codec/wav';
import { channelsOf } from './helpers';
import { makeFile } from './reference-tools';

const LAB = 48_000;

async function refusal(bytes: Uint8Array<ArrayBuffer>, name: string, options: DecodeOptions = {}): Promise<string> {
  try {
    await decodeAudio(bytes.buffer, name, options);
  } catch (err) {
    expect(err).toBeInstanceOf(AudioInputError);
    return (err as Error).message;
  }
  throw new Error(`${name} was accepted`);
}

const sox = (args: string[], out: string) => makeFile('sox', args, out);
const ffmpeg = (args: string[], out: string) => makeFile('ffmpeg', ['-v', 'error', ...args, '-y', out], out);

/** Frequency of a steady tone from its rising zero crossings. */
function toneFrequency(data: Float32Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < data.length; i++) if (data[i - 1] < 0 && data[i] >= 0) crossings.push(i);
  return ((crossings.length - 1) * sampleRate) / (crossings.at(-1)! - crossings[0]);
}

describe('valid files the browser refuses are decoded by the lab', { timeout: 60_000 }, () => {
  it('64-bit float WAV and AIFF/AIFF-C: the same audio as the browser gives for sox’s 32-bit float copy', async () => {
    for (const [out, format] of [
      ['f64.wav', ['-e', 'floating-point', '-b', '64']],
      ['a24.aiff', ['-b', '24']],
      ['a16.aiff', ['-b', '16']],
      ['fl32.aifc', ['-e', 'floating-point', '-b', '32']],
    ] as const) {
      const file = await sox(
        ['-n', '-r', '44100', '-c', '2', ...format, out, 'synth', '0.5', 'sine', '440', 'sine', '660', 'vol', '0.5'],
        out,
      );
      expect(await new OfflineAudioContext(1, 1, LAB).decodeAudioData(file.slice().buffer).catch(() => null), out).toBeNull();
      const { buffer, notes } = await decodeAudio(file.buffer, out);
      const twin = await sox(
        [
          '-n',
          '-r',
          '44100',
          '-c',
          '2',
          '-e',
          'floating-point',
          '-b',
          '32',
          'twin.wav',
          'synth',
          '0.5',
          'sine',
          '440',
          'sine',
          '660',
          'vol',
          '0.5',
        ],
        'twin.wav',
      );
      const expected = await new OfflineAudioContext(1, 1, LAB).decodeAudioData(twin.buffer);
      expect(buffer.sampleRate).toBe(LAB);
      expect(buffer.length).toBe(expected.length);
      // 24-bit and 16-bit files differ from the float twin by their quantisation, no more.
      const tolerance = out === 'a16.aiff' ? 1e-4 : 1e-6;
      for (let c = 0; c < 2; c++) {
        const [x, y] = [buffer.getChannelData(c), expected.getChannelData(c)];
        let worst = 0;
        for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
        expect(worst, `${out} channel ${c}`).toBeLessThan(tolerance);
      }
      expect(notes).toContain("Resampled from 44.1 kHz to 48 kHz, the lab's rate.");
    }
  });

  it('a WAV at 1 kHz (below what AudioBuffer holds) is resampled by the lab: same length and pitch', async () => {
    const file = await sox(['-n', '-r', '1000', '-b', '16', 'low.wav', 'synth', '2', 'sine', '100', 'vol', '0.5'], 'low.wav');
    const { buffer, notes } = await decodeAudio(file.buffer, 'low.wav');
    expect(buffer.sampleRate).toBe(LAB);
    expect(buffer.length).toBe(2 * LAB);
    expect(toneFrequency(buffer.getChannelData(0).subarray(LAB / 2, LAB * 1.5), LAB)).toBeCloseTo(100, 1);
    expect(notes).toContain("Resampled from 1 kHz to 48 kHz, the lab's rate.");
  });

  it('a WAV whose byteRate field is wrong decodes to its real length', async () => {
    const wav = encodeWav({ sampleRate: LAB, channels: [new Float32Array(LAB).fill(0.25)] }, 'pcm16');
    new DataView(wav.buffer).setUint32(28, 100, true); // 100 bytes a second: "16 minutes" by byteRate
    const { buffer } = await decodeAudio(wav.buffer, 'wrong-byte-rate.wav');
    expect(buffer.duration).toBe(1);
  });
});

describe('files nothing here decodes are named, with the reason', { timeout: 60_000 }, () => {
  it('codecs inside WAV, MP4 and other containers', async () => {
    const ima = await sox(['-n', '-r', '8000', '-e', 'ima-adpcm', 'ima.wav', 'synth', '0.5', 'sine', '440'], 'ima.wav');
    expect(await refusal(ima, 'ima.wav')).toBe(
      '“ima.wav” is a WAV with IMA ADPCM audio: IMA ADPCM is not supported. Convert it to WAV (PCM) or FLAC and add it again.',
    );
    const video = await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=d=0.5:s=64x48', '-c:v', 'mpeg4'], 'video.mp4');
    expect(await refusal(video, 'video.mp4')).toBe('“video.mp4” is an MP4 video: it has a video track and no audio track.');
    const webm = await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=d=0.5:s=64x48', '-c:v', 'libvpx'], 'video.webm');
    expect(await refusal(webm, 'video.webm')).toBe('“video.webm” is a WebM video: it has a video track and no audio track.');
    const alac = await ffmpeg(['-f', 'lavfi', '-i', 'sine=d=0.5', '-c:a', 'alac'], 'alac.m4a');
    expect(await refusal(alac, 'alac.m4a')).toMatch(
      /^“alac.m4a” is an MP4 with Apple Lossless \(ALAC\) audio: the browser cannot decode Apple Lossless/,
    );
    const caf = await ffmpeg(['-f', 'lavfi', '-i', 'sine=d=0.5'], 'x.caf');
    expect(await refusal(caf, 'x.caf')).toMatch(/^“x.caf” is a Core Audio Format \(CAF\) file: the browser cannot read CAF files\./);
    const mp2 = await ffmpeg(['-f', 'lavfi', '-i', 'sine=d=0.5', '-c:a', 'mp2'], 'x.mp2');
    expect(await refusal(mp2, 'x.mp3')).toMatch(
      /^“x.mp3” is an MP2 \(MPEG Layer II audio\) file: the browser decodes MPEG Layer III \(MP3\) but not Layer II\./,
    );
    const many = await sox(['-n', '-c', '40', 'many.wav', 'synth', '0.2', 'sine', '440'], 'many.wav');
    expect(await refusal(many, 'many.wav')).toMatch(/^“many.wav” is a WAV file: it has 40 channels, and a browser handles at most 32\./);
  });

  it('things that are not audio, named as what they are', async () => {
    const png = await ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:s=16x16', '-frames:v', '1'], 'cover.png');
    expect(await refusal(png, 'cover.wav')).toBe('“cover.wav” is a PNG image, not audio.');
    const midi = Uint8Array.from([...'MThd'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 6, 0, 0, 0, 1, 0, 96]));
    expect(await refusal(midi, 'song.mp3')).toBe('“song.mp3” is a MIDI file (notes for a synthesiser, not recorded sound), not audio.');
    await expect(checkFile(new File([png], 'cover.wav'))).rejects.toThrow('“cover.wav” is a PNG image, not audio.');
  });
});

describe('an impulse response with more than two channels becomes one the reverb can use', { timeout: 60_000 }, () => {
  /** Render a click through a real ConvolverNode holding `ir`: throws as the lab did if the node refuses it. */
  async function convolve(ir: AudioBuffer): Promise<AudioBuffer> {
    const ctx = new OfflineAudioContext(2, ir.length + 128, LAB);
    const click = new AudioBuffer({ length: 1, sampleRate: LAB, numberOfChannels: 1 });
    click.getChannelData(0)[0] = 1;
    const source = new AudioBufferSourceNode(ctx, { buffer: click });
    const convolver = new ConvolverNode(ctx, { disableNormalization: true });
    convolver.buffer = ir;
    source.connect(convolver).connect(ctx.destination);
    source.start();
    return ctx.startRendering();
  }

  it('a real 5.1 WAV (sox): mixed down to stereo with BS.775 coefficients, LFE left out, and it convolves', async () => {
    // Six different decaying noises, one per channel (L R C LFE Ls Rs).
    const file = await sox(
      ['-n', '-r', '48000', '-c', '6', '-b', '24', 'room51.wav', 'synth', '0.3', 'whitenoise', 'fade', 'q', '0', '0.3', '0.29'],
      'room51.wav',
    );
    const raw = await new OfflineAudioContext(1, 1, LAB).decodeAudioData(file.slice().buffer);
    expect(raw.numberOfChannels).toBe(6);
    expect(() => (new ConvolverNode(new OfflineAudioContext(1, 1, LAB)).buffer = raw)).toThrow(); // what broke the lab
    const { buffer, notes } = await decodeAudio(file.buffer, 'room51.wav', { role: 'impulse-response', checkSamples: false });
    expect(buffer.numberOfChannels).toBe(2);
    expect(notes).toContain(
      '“room51.wav”: it has 6 channels, read as 5.1 and mixed down to stereo (ITU-R BS.775: centre and surrounds at −3 dB, LFE left out).',
    );
    const [l, r, c, , ls, rs] = channelsOf(raw);
    const [left, right] = channelsOf(buffer);
    for (const i of [0, 1000, 7000, 14000]) {
      expect(left[i]).toBeCloseTo(l[i] + Math.SQRT1_2 * (c[i] + ls[i]), 6);
      expect(right[i]).toBeCloseTo(r[i] + Math.SQRT1_2 * (c[i] + rs[i]), 6);
    }
    const out = await convolve(buffer);
    expect(out.getChannelData(0)[500]).toBeCloseTo(left[500], 5); // a click through it gives the IR back
  });

  it('3 and 8 channels are mixed, 7 keeps its first two, 4 stays true stereo', async () => {
    for (const [count, expected] of [
      [3, 2],
      [8, 2],
      [7, 2],
      [4, 4],
    ] as const) {
      const name = `room${count}.wav`;
      const file = await sox(
        ['-n', '-r', '48000', '-c', String(count), name, 'synth', '0.1', 'whitenoise', 'fade', 'q', '0', '0.1', '0.09'],
        name,
      );
      const { buffer, notes } = await decodeAudio(file.buffer, name, { role: 'impulse-response', checkSamples: false });
      expect(buffer.numberOfChannels, name).toBe(expected);
      expect((await convolve(buffer)).length).toBe(buffer.length + 128);
      if (count === 7) expect(notes.join()).toContain('no standard layout to mix, so its first two are used');
      if (count === 4) expect(notes.join()).not.toContain('channels');
    }
  });
});

describe('inputs that are accepted but deserve a word, or are silent in all but name', { timeout: 60_000 }, () => {
  const floatWav = (samples: Float32Array) => encodeWav({ sampleRate: LAB, channels: [samples] }, 'float32');

  it('a signal at −600 dBFS is silent; pure DC is said to be; a float file at +8.7 dBFS is said to go over full scale', async () => {
    const tiny = Float32Array.from({ length: LAB }, (_, i) => 1e-30 * Math.sin(i / 10));
    expect(await refusal(floatWav(tiny), 'denormal.wav')).toBe(
      "“denormal.wav” is silent: its loudest sample is at −600 dBFS, far below anything audible (a 24-bit file's smallest step is −144 dBFS).",
    );
    const dc = (await decodeAudio(floatWav(new Float32Array(LAB).fill(0.5)).buffer, 'dc.wav')).notes;
    expect(dc).toContain(
      '“dc.wav” holds only a constant DC offset (−6.0 dBFS), no sound: you will hear at most a click where it starts and stops, and its loudness cannot be measured.',
    );
    const hot = Float32Array.from({ length: LAB }, (_, i) => 2.72 * Math.sin(i / 5)); // 2.72 = +8.7 dBFS
    const loud = await decodeAudio(floatWav(hot).buffer, 'firework.wav');
    expect(loud.notes.join('\n')).toContain('“firework.wav” goes above full scale: it peaks at +8.7 dBFS');
    expect(Math.max(...loud.buffer.getChannelData(0))).toBeGreaterThan(2.7); // kept as it is, not clipped
  });
});

describe('impulse responses get their own words', { timeout: 60_000 }, () => {
  it('a 0.5 ms IR is not "too short to hear" (the IR checks say what it does); over 20 minutes it is refused as an IR', async () => {
    const short = encodeWav({ sampleRate: LAB, channels: [Float32Array.from({ length: 24 }, (_, i) => (i === 0 ? 1 : 0.1))] }, 'float32');
    expect(await refusal(short, 'tick.wav')).toBe('“tick.wav” is only 0.50 ms long: too short to hear or measure (at least 10 ms).');
    const asIr = await decodeAudio(short.buffer, 'tick.wav', { role: 'impulse-response', checkSamples: false });
    expect(asIr.buffer.length).toBe(24);
    // 21 minutes at 3 kHz, 16-bit: a real file of that length.
    const long = encodeWav({ sampleRate: 3000, channels: [new Float32Array(21 * 60 * 3000).fill(0.01)] }, 'pcm16');
    const irWords =
      '“hall.wav” is 21 minutes long: too long for an impulse response (a real space rings for seconds; the lab opens files up to 20 minutes and trims longer IRs to 20 s). Cut out the response itself and add that.';
    expect(await refusal(long, 'hall.wav', { role: 'impulse-response' })).toBe(irWords);
    await expect(checkFile(new File([long], 'hall.wav'), { role: 'impulse-response' })).rejects.toThrow(irWords);
    await expect(checkFile(new File([long], 'hall.wav'))).rejects.toThrow(/^“hall.wav” is 21 minutes long: the lab opens up to 20 minutes/);
  });

  it('the limit is a budget of samples: 20 minutes of stereo pass, 6 channels get 6 min 40 s', async () => {
    const silent = (channels: number, seconds: number) =>
      encodeWav({ sampleRate: 3000, channels: Array.from({ length: channels }, () => new Float32Array(seconds * 3000)) }, 'pcm16');
    await expect(checkFile(new File([silent(2, 20 * 60)], 'reel.wav'))).resolves.toBeUndefined();
    await expect(checkFile(new File([silent(6, 7 * 60)], 'surround.wav'))).rejects.toThrow(
      '“surround.wav” is 7 minutes long: the lab opens up to 6 min 40 s of 6-channel audio',
    );
    await expect(checkFile(new File([silent(6, 6 * 60)], 'surround.wav'))).resolves.toBeUndefined();
  });
});

describe('an hour-long file with a big header is refused before decoding, at once', { timeout: 120_000 }, () => {
  it('an MP3 behind 2 MB of cover art, and a WAV with 3 MB of metadata before its samples', async () => {
    const hour = await ffmpeg(
      ['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '3600', '-c:a', 'libmp3lame', '-b:a', '8k'],
      'hour.mp3',
    );
    const cover = await ffmpeg(['-f', 'lavfi', '-i', 'nullsrc=s=1300x1300,geq=random(1)*255:128:128', '-frames:v', '1'], 'cover.png');
    const tagged = await makeFileFrom(hour, cover);
    const wav = new Uint8Array(36 + 8 + 3_000_000 + 8 + 3600 * 8000 * 2);
    wav.set(encodeWav({ sampleRate: 8000, channels: [new Float32Array(0)] }, 'pcm16').subarray(0, 36));
    const v = new DataView(wav.buffer);
    wav.set([0x4c, 0x49, 0x53, 0x54], 36); // 'LIST'
    v.setUint32(40, 3_000_000, true);
    wav.set([0x64, 0x61, 0x74, 0x61], 44 + 3_000_000); // 'data'
    v.setUint32(48 + 3_000_000, 3600 * 8000 * 2, true);
    for (const file of [new File([tagged], 'hour.mp3'), new File([wav], 'hour.wav')]) {
      await file.slice(0, 1).arrayBuffer(); // Chromium moves a new in-memory File's bytes once, on the first read (~0.1 s / 6 MB)
      const started = performance.now();
      await expect(checkFile(file)).rejects.toThrow(`“${file.name}” is 60 minutes long: the lab opens up to 20 minutes`);
      console.info(`${file.name} (${(file.size / 1e6).toFixed(1)} MB) refused in ${(performance.now() - started).toFixed(0)} ms`);
      expect(performance.now() - started, file.name).toBeLessThan(1000);
    }
  });
});

/** The hour-long MP3 with the picture as its ID3v2 cover art (ffmpeg). */
async function makeFileFrom(mp3: Uint8Array, png: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const { commands } = await import('vitest/browser');
  const b64 = (b: Uint8Array) => {
    let s = '';
    for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const result = await commands.runTool({
    program: 'ffmpeg',
    args: ['-v', 'error', '-i', 'a.mp3', '-i', 'c.png', '-map', '0', '-map', '1', '-c', 'copy', '-id3v2_version', '3', '-y', 'out.mp3'],
    files: { 'a.mp3': b64(mp3), 'c.png': b64(png) },
    output: 'out.mp3',
  });
  const bytes = Uint8Array.from(atob(result.output!), (c) => c.charCodeAt(0));
  expect((bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]).toBeGreaterThan(1_900_000); // the tag's size
  return bytes;
}
