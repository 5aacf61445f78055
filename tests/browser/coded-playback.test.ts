/**
 * A slot kept in its file plays through the real SlotPlayer graph a second at a time
 * (chunked-source.ts), read from the file ahead of Tone's clock as playback goes, and sounds
 * exactly as the same file decoded whole: rendered offline and compared sample by sample —
 * from the start, from a seek, at an offset on the timeline, and looping across the pieces' joins.
 */
import { describe, expect, it } from 'vitest';
import { Offline } from 'tone';
import { CodedAudio, type ClipAudio } from '../../src/audio/coded-audio';
import { OUTPUT_LATENCY_FRAMES, SlotPlayer } from '../../src/audio/slot-player';
import { codedWav, streamableWav } from '../../src/audio/wav-stream';
import { encodeWav } from '../../src/codec/wav';
import { drySettings } from '../../src/comparison/setup';
import { loadSample } from './helpers';

const SR = 48_000;

/**
 * The same clip read from bytes in memory, each read answered at once. Tone's offline render runs
 * its clock ahead a second at a time before it yields, faster than any real file read: the pieces'
 * timing on the grid is what the offline comparison tests (the live test reads the file itself).
 */
async function inMemory(coded: CodedAudio): Promise<CodedAudio> {
  const { blob, offset } = coded.file;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const frameBytes = coded.numberOfChannels * coded.width;
  const copy = new CodedAudio(coded.file, coded.length, coded.numberOfChannels, coded.sampleRate);
  copy.open = (from) => {
    let at = offset + from * frameBytes;
    return { next: (count) => Promise.resolve(bytes.slice(at, (at += count))), close: () => {}, spare: () => null };
  };
  return copy;
}

/** A stereo 16-bit take of two real recordings, as a user's file: kept in the file, and decoded whole by the browser. */
async function take(): Promise<{ coded: CodedAudio; decoded: AudioBuffer }> {
  const speech = (await loadSample('speech-dry')).getChannelData(0);
  const shot = (await loadSample('location-pistol-canyon')).getChannelData(0);
  const length = Math.min(speech.length, shot.length);
  const file = new File([encodeWav({ sampleRate: SR, channels: [speech.slice(0, length), shot.slice(0, length)] }, 'pcm16')], 'take.wav');
  const wav = await streamableWav(file);
  const coded = codedWav(file, wav!);
  const decoded = await new OfflineAudioContext(1, 1, SR).decodeAudioData(await file.arrayBuffer());
  return { coded, decoded };
}

interface Play {
  /** Every time the whole-buffer source is given is exact on the frame grid: the two must be equal bit for bit. */
  onGrid?: boolean;
  offset: number;
  from?: number;
  loop?: { start: number; end: number };
  seconds: number;
}

async function render(audio: ClipAudio, play: Play): Promise<Float32Array[]> {
  const out = await Offline(
    async () => {
      const p = new SlotPlayer();
      await p.ready;
      p.addSlot('x', drySettings('none'), null);
      p.setSource('x', audio, play.offset);
      p.setOutputLevel(-12, 0); // keep the limiter out of it
      p.select('x', 0);
      if (play.loop) p.setLoop(play.loop);
      p.startAt(0, play.from ?? 0);
    },
    play.seconds,
    2,
    SR,
  );
  return [out.getChannelData(0).slice(), out.getChannelData(1).slice()];
}

/**
 * What the output must be, worked out here frame by frame: the timeline from `from`, the loop's
 * whole frames repeated, the clip at its offset, silence elsewhere, at the output level (the
 * output stage's gain settles slowly: a guide to which of two outputs is nearer, not a target to the bit).
 */
function ideal(source: AudioBuffer, play: Play): Float32Array[] {
  const frames = Math.round(play.seconds * SR);
  const at = (s: number) => Math.round(s * SR);
  const gain = 10 ** (-12 / 20);
  const out = [new Float32Array(frames), new Float32Array(frames)];
  for (let i = OUTPUT_LATENCY_FRAMES; i < frames; i++) {
    let p = at(play.from ?? 0) + i - OUTPUT_LATENCY_FRAMES;
    if (play.loop && p >= at(play.loop.end))
      p = at(play.loop.start) + ((p - at(play.loop.end)) % (at(play.loop.end) - at(play.loop.start)));
    const j = p - at(play.offset);
    if (j < 0 || j >= source.length) continue;
    for (let c = 0; c < 2; c++) out[c][i] = source.getChannelData(c)[j] * gain;
  }
  return out;
}

/** Samples that differ (0: equal bit for bit), and the output's RMS (it must not be silence). */
function compare(a: Float32Array[], b: Float32Array[]): { differ: number; rms: number } {
  let differ = 0;
  let sum = 0;
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < a[c].length; i++) {
      if (!Object.is(a[c][i], b[c][i])) differ++;
      sum += a[c][i] * a[c][i];
    }
  }
  return { differ, rms: Math.sqrt(sum / (2 * a[0].length)) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A live player with one dry slot playing `audio` from the start (the caller disposes of it). */
async function playing(audio: ClipAudio, onReadError?: (err: unknown) => void): Promise<SlotPlayer> {
  const p = new SlotPlayer();
  if (onReadError) p.onReadError = onReadError;
  await p.ready;
  p.addSlot('x', drySettings('none'), null);
  p.setSource('x', audio, 0);
  p.select('x', 0);
  expect(await p.play()).toBe(true);
  return p;
}

/**
 * The output's peak in each quarter second of the timeline while the live player plays `audio`
 * up to `seconds` (sampled every 50 ms by the audio clock's position, however slow the page's
 * timers run under load), then 300 ms after a pause.
 */
async function livePeaks(audio: ClipAudio, seconds: number): Promise<{ bins: number[]; after: number }> {
  const p = await playing(audio);
  try {
    const bins = new Array<number>(seconds * 4).fill(0);
    while (p.playing && p.position < seconds) {
      await sleep(50);
      const bin = Math.floor(p.position * 4);
      if (bin < bins.length) bins[bin] = Math.max(bins[bin], p.outputPeak());
    }
    p.pause();
    await sleep(300);
    return { bins, after: p.outputPeak() };
  } finally {
    p.dispose();
  }
}

describe('a slot kept in its file', () => {
  it(
    'plays live on the real audio clock, its pieces read from the file as it goes, and stops when paused',
    { timeout: 30_000 },
    async () => {
      const { coded, decoded } = await take();
      const [got, want] = [await livePeaks(coded, 5), await livePeaks(decoded, 5)];
      // Sound wherever the whole buffer sounds, past the first pieces made (1.5 s ahead) and several top-ups: a piece made
      // late would leave a silent quarter second (one bin may go unsampled on a loaded machine).
      const loud = (bins: number[]) => bins.map((v) => v > 1e-3);
      const missed = loud(want.bins).filter((l, i) => l && !loud(got.bins)[i]).length;
      expect(loud(want.bins).slice(8).filter(Boolean).length).toBeGreaterThan(8);
      expect(missed).toBeLessThanOrEqual(1);
      expect(got.after).toBe(0);
    },
  );

  it(
    'plays exactly as the file decoded whole: from the start, from a seek, at an offset, looping across the joins',
    { timeout: 60_000 },
    async () => {
      const { coded: file, decoded } = await take();
      const coded = await inMemory(file);
      expect(coded.duration).toBeGreaterThan(5); // six pieces and more: several joins
      const plays: Play[] = [
        { offset: 0, seconds: 6, onGrid: true },
        { offset: 12_345 / SR, seconds: 6 },
        { offset: 0.25, from: 1.5, seconds: 4.5, onGrid: true },
        { offset: 0.1, loop: { start: 0.9, end: 2.3 }, from: 0.5, seconds: 5.5 },
        { offset: 0, loop: { start: 3.01, end: 3.4 }, from: 3.2, seconds: 2 },
      ];
      for (const play of plays) {
        const got = await render(coded, play);
        const want = await render(decoded, play);
        const target = ideal(decoded, play);
        const { differ, rms } = compare(got, want);
        expect(rms, JSON.stringify(play)).toBeGreaterThan(1e-3);
        if (play.onGrid) expect(differ, JSON.stringify(play)).toBe(0);
        // Elsewhere the whole-buffer source starts a hair off the frame grid (a time such as 12 345 / 48 000 s is not exact in
        // floating point) and interpolates: differences of 1e-12, and at a loop's join a frame it places differently. The
        // pieces start on the grid: wherever the two differ by more than 1e-9, the pieces are nearer what the output must be.
        let worse = 0;
        for (let c = 0; c < 2; c++)
          for (let i = 0; i < got[c].length; i++)
            if (Math.abs(got[c][i] - want[c][i]) > 1e-9 && Math.abs(got[c][i] - target[c][i]) > Math.abs(want[c][i] - target[c][i]))
              worse++;
        expect(worse, JSON.stringify(play)).toBe(0);
      }
    },
  );

  it('says once a play, and names the file, when the file can no longer be read while it plays', { timeout: 30_000 }, async () => {
    const { coded } = await take();
    const gone = new CodedAudio(coded.file, coded.length, coded.numberOfChannels, coded.sampleRate);
    gone.open = () => ({
      next: () => Promise.reject(new DOMException('A requested file or directory could not be read.', 'NotReadableError')),
      close: () => {},
      spare: () => null,
    });
    const said: string[] = [];
    const p = await playing(gone, (err) => said.push(String(err)));
    try {
      await sleep(2500); // the first pieces and several top-ups: every read fails
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('“take.wav” can no longer be read');
      p.pause();
      expect(await p.play()).toBe(true); // a new play may say it again
      await sleep(500);
      expect(said).toHaveLength(2);
    } finally {
      p.dispose();
    }
  });
});
