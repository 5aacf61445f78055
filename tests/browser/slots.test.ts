/**
 * Issue 12 on real Web Audio: four independent slots — different recordings, lengths,
 * file rates, offsets, one processed — played by the real SlotPlayer graph on one clock
 * and switched while playing; rendered offline and compared sample by sample with each
 * slot rendered alone.
 */
import { describe, expect, it } from 'vitest';
import { Offline } from 'tone';
import { decodeAudio } from '../../src/audio/decode';
import { LIMITER_LATENCY_FRAMES } from '../../src/audio/output-stage';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';
import { OUTPUT_LATENCY_FRAMES, SlotPlayer } from '../../src/audio/slot-player';
import { encodeWav } from '../../src/codec/wav';
import { drySettings } from '../../src/comparison/setup';
import { loadSample } from './helpers';

const SR = 48_000;
const XF = 0.008;
/** A switch at the selector reaches the output after the limiter's look-ahead. */
const LAT = LIMITER_LATENCY_FRAMES / SR;

/** A file at `rate` Hz, decoded the way the lab decodes a user's file (to the lab rate). */
async function asFileAt(rate: number, channels: Float32Array[], name: string): Promise<AudioBuffer> {
  const wav = encodeWav({ sampleRate: rate, channels }, 'float32');
  return (await decodeAudio(wav.buffer, name)).buffer;
}

function tone(seconds: number, rate: number, freq: number, amplitude: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / rate) * Math.min(1, i / 200);
  return out;
}

interface SlotSpec {
  id: string;
  buffer: AudioBuffer;
  settings: ChainSettings;
  ir: AudioBuffer | null;
  offset: number;
}

async function render(slots: SlotSpec[], first: string, switches: { at: number; to: string }[], seconds: number): Promise<Float32Array[]> {
  const out = await Offline(
    async () => {
      const p = new SlotPlayer();
      await p.ready;
      for (const s of slots) {
        p.addSlot(s.id, s.settings, s.ir);
        p.setSource(s.id, s.buffer, s.offset);
      }
      p.setOutputLevel(-12, 0); // keep the limiter out of it
      p.select(first, 0);
      for (const s of switches) p.select(s.to, XF, s.at);
      p.startAt(0);
    },
    seconds,
    2,
    SR,
  );
  return [out.getChannelData(0).slice(), out.getChannelData(1).slice()];
}

function maxAbsDiff(a: Float32Array, b: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.round(from * SR); i < Math.round(to * SR); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function rmsOf(a: Float32Array, from: number, to: number): number {
  let s = 0;
  const i0 = Math.round(from * SR);
  const i1 = Math.round(to * SR);
  for (let i = i0; i < i1; i++) s += a[i] * a[i];
  return Math.sqrt(s / Math.max(1, i1 - i0));
}

describe('slots on one clock', () => {
  it('four slots of different lengths and file rates, switched while playing, are each exactly themselves outside the crossfades', async () => {
    const pistol = await loadSample('ufoai-pistol');
    const canyon = await loadSample('ir-canyon-narrow');
    // Files at three rates, each decoded to the lab's 48 kHz.
    const at44 = await asFileAt(44_100, [pistol.getChannelData(0).filter((_, i) => i % 48 < 44.1)], 'pistol-44k.wav');
    const at22 = await asFileAt(22_050, [tone(1.3, 22_050, 330, 0.3)], 'tone-22k.wav');
    const at96 = await asFileAt(96_000, [tone(0.7, 96_000, 1234, 0.2), tone(0.7, 96_000, 777, 0.2)], 'stereo-96k.wav');
    for (const b of [at44, at22, at96]) expect(b.sampleRate).toBe(SR);
    const wet = defaultSettings('ir-canyon-narrow');
    const slots: SlotSpec[] = [
      { id: 'a', buffer: at44, settings: drySettings('none'), ir: null, offset: 0 },
      { id: 'b', buffer: at22, settings: drySettings('none'), ir: null, offset: 0.2 },
      { id: 'c', buffer: pistol, settings: wet, ir: canyon, offset: 0.35 },
      { id: 'd', buffer: at96, settings: drySettings('none'), ir: null, offset: 0.9 },
    ];
    const seconds = 2.4;
    // One render at a time: Tone.Offline swaps Tone's global context and is not re-entrant.
    const alone: Record<string, Float32Array[]> = {};
    for (const s of slots) alone[s.id] = await render(slots, s.id, [], seconds);
    const switches = [
      { at: 0.3, to: 'b' },
      { at: 0.6, to: 'c' },
      { at: 1.0, to: 'd' },
      { at: 1.4, to: 'a' },
      { at: 1.7, to: 'c' },
    ];
    const seq = await render(slots, 'a', switches, seconds);
    const spans: [number, number, string][] = [[0.01, 0.3 + LAT, 'a']];
    switches.forEach((s, i) => spans.push([s.at + XF + LAT, (switches[i + 1]?.at ?? seconds - LAT) + LAT, s.to]));
    for (const [from, to, id] of spans) {
      for (let c = 0; c < 2; c++) expect(maxAbsDiff(seq[c], alone[id][c], from, to), `slot ${id}, channel ${c}, ${from}–${to} s`).toBe(0);
    }
    // The comparison means something: each slot sounds in its span and differs from the others.
    for (const [from, to, id] of spans) {
      expect(rmsOf(alone[id][0], from, to), `slot ${id} is heard`).toBeGreaterThan(1e-4); // above −80 dBFS: not silence
      for (const other of slots.filter((s) => s.id !== id))
        expect(maxAbsDiff(alone[id][0], alone[other.id][0], from, to)).toBeGreaterThan(1e-3);
    }
  });

  it('places each slot at its offset on the timeline, sample for sample', async () => {
    const click = new AudioBuffer({ length: 4800, sampleRate: SR, numberOfChannels: 1 });
    click.getChannelData(0)[100] = 0.5;
    const slots: SlotSpec[] = [
      { id: 'early', buffer: click, settings: drySettings('none'), ir: null, offset: 0 },
      { id: 'late', buffer: click, settings: drySettings('none'), ir: null, offset: 12_345 / SR },
    ];
    for (const [id, shift] of [
      ['early', 0],
      ['late', 12_345],
    ] as const) {
      const [left] = await render(slots, id, [], 0.5);
      let at = -1;
      for (let i = 0; i < left.length; i++) if (Math.abs(left[i]) > 0.01) at = at < 0 ? i : at;
      expect(at).toBe(100 + shift + OUTPUT_LATENCY_FRAMES);
    }
  });
});
