/**
 * Every sample the generator writes: id, file, what it illustrates, how it is made (the
 * parameters go into the manifest verbatim) and its WAV format. Rendering is lazy and memoised
 * per run, because the canned and location shots are made from the dry shot and the IRs.
 */
import type { SampleKind } from '../../src/samples/manifest';
import type { WavAudio, WavSampleFormat } from '../../src/codec/wav';
import { PISTOL, RIFLE, dryGunshot } from '../../src/synthesis/gunshot';
import { CANNED, cannedGunshot } from '../../src/synthesis/canned';
import { diffuseModel, directDistance, streetCanyonIr, type RenderParams, type SpaceParams } from '../../src/synthesis/street-canyon';
import { BOULEVARD, DINER, NARROW_CANYON, OPEN_FIELD } from '../../src/synthesis/spaces';
import { STREET_ROOM_TONE, roomTone } from '../../src/synthesis/room-tone';
import { convolve } from '../../src/analysis/fft';
import { normalizePeak } from '../../src/synthesis/signal';

export const SAMPLE_RATE = 48_000;
export const DEFAULT_SEED = 20_261_125;
export const GENERATOR_SCRIPT = 'scripts/samples/generate.ts';

export interface GeneratedSample {
  id: string;
  title: string;
  illustrates: string;
  kind: SampleKind;
  format: WavSampleFormat;
  /** Offset added to the run's seed, so each sample has its own noise. */
  seedOffset: number;
  params: Record<string, unknown>;
  /** Decay time the model predicts, seconds (impulse responses with a diffuse field). */
  targetRt60?: number;
  render(ctx: RenderContext): Float32Array;
}

/** Renders other samples on demand, once per run. */
export interface RenderContext {
  seed: number;
  get(id: string): Float32Array;
}

/** IR length: the direct sound, then the tail until ~65 dB down, or a short window without a tail. */
function irRender(space: SpaceParams): RenderParams {
  const rt60 = diffuseModel(space)?.rt60Sec ?? 0;
  const direct = directDistance(space) / space.soundSpeedMs;
  return {
    sampleRate: SAMPLE_RATE,
    durationSec: Math.round((direct + Math.max(0.3, rt60 * 1.1) + 0.05) * 100) / 100,
    peakDb: -1,
    tailLowpassHz: 6000,
    fadeOutSec: 0.05,
    ...(space.ceilingAbsorption !== null ? { imageWindowSec: 0.25 } : {}),
  };
}

function irSample(id: string, title: string, illustrates: string, space: SpaceParams, seedOffset: number): GeneratedSample {
  const render = irRender(space);
  const target = diffuseModel(space)?.rt60Sec;
  return {
    id, title, illustrates, seedOffset,
    kind: 'impulse-response',
    format: 'float32',
    params: { model: 'image sources + Eyring diffuse tail (src/synthesis/street-canyon.ts)', space, render },
    ...(target !== undefined ? { targetRt60: Math.round(target * 1000) / 1000 } : {}),
    render: (ctx) => streetCanyonIr(space, render, ctx.seed + seedOffset),
  };
}

function locationSample(id: string, title: string, illustrates: string, shotId: string, irId: string): GeneratedSample {
  return {
    id, title, illustrates, seedOffset: 0,
    kind: 'clip',
    format: 'pcm24',
    params: { shot: shotId, impulseResponse: irId, process: 'linear convolution (src/analysis/fft.ts convolve), peak-normalised to -1 dBFS' },
    render: (ctx) => normalizePeak(Float32Array.from(convolve(ctx.get(shotId), ctx.get(irId))), -1),
  };
}

export const GENERATED: GeneratedSample[] = [
  {
    id: 'gunshot-dry-pistol',
    title: 'Dry pistol shot (synthetic, close mic)',
    illustrates: 'A gunshot with nothing around it: a faint crack, the muzzle blast as one sharp pressure pulse, the slide, the case landing.',
    kind: 'clip', format: 'pcm24', seedOffset: 1,
    params: { model: 'N-wave crack + Friedlander muzzle blast + gas jet + mechanical clicks (src/synthesis/gunshot.ts)', ...PISTOL },
    render: (ctx) => dryGunshot(PISTOL, ctx.seed + 1),
  },
  {
    id: 'gunshot-dry-rifle',
    title: 'Dry rifle shot (synthetic, close mic)',
    illustrates: 'A supersonic rifle round: the bullet\'s crack arrives 6 ms before the longer muzzle blast — two events, not one.',
    kind: 'clip', format: 'pcm24', seedOffset: 2,
    params: { model: 'N-wave crack + Friedlander muzzle blast + gas jet + mechanical clicks (src/synthesis/gunshot.ts)', ...RIFLE },
    render: (ctx) => dryGunshot(RIFLE, ctx.seed + 2),
  },
  {
    id: 'gunshot-canned',
    title: 'Canned gunshot (the dry pistol, library-processed)',
    illustrates: 'The same pistol shot as a cheap library sells it: band-limited, cut short, squashed and normalised — the popgun.',
    kind: 'clip', format: 'pcm16', seedOffset: 0,
    params: { source: 'gunshot-dry-pistol', process: 'src/synthesis/canned.ts', ...CANNED },
    render: (ctx) => cannedGunshot(ctx.get('gunshot-dry-pistol'), CANNED, SAMPLE_RATE),
  },
  irSample('ir-canyon-narrow', 'Narrow downtown canyon (model IR)',
    'A 27 m street between 160 m towers: the flutter echo between the facades every 157 ms and a tail of about five seconds.',
    NARROW_CANYON, 10),
  irSample('ir-boulevard', 'Wide boulevard (model IR)',
    'A 60 m boulevard between six-storey buildings: sparse, late facade echoes and a two-second tail that lets the sound escape upward.',
    BOULEVARD, 11),
  irSample('ir-diner', 'Small diner (model IR)',
    'A 12 m × 7 m diner: dense early reflections and a half-second tail — a room, not a street.',
    DINER, 12),
  irSample('ir-open-field', 'Open field (model IR)',
    'No buildings: the direct sound and one ground bounce, then nothing — the same shot with no space to ring in.',
    OPEN_FIELD, 13),
  locationSample('location-pistol-canyon', 'Pistol shot in the narrow canyon (rendered)',
    'The dry pistol as location sound would catch it among towers: the shot, the flutter, the long decay.',
    'gunshot-dry-pistol', 'ir-canyon-narrow'),
  locationSample('location-rifle-canyon', 'Rifle shot in the narrow canyon (rendered)',
    'The rifle\'s crack and blast both ringing between the towers.',
    'gunshot-dry-rifle', 'ir-canyon-narrow'),
  locationSample('location-pistol-boulevard', 'Pistol shot on the boulevard (rendered)',
    'The same pistol on a wide street: fewer, later echoes and a shorter tail than in the canyon.',
    'gunshot-dry-pistol', 'ir-boulevard'),
  locationSample('location-pistol-open-field', 'Pistol shot in an open field (rendered)',
    'The same pistol with no buildings: a dry crack and nothing after — what the canyon adds is everything else.',
    'gunshot-dry-pistol', 'ir-open-field'),
  {
    id: 'roomtone-street',
    title: 'Street room tone (synthetic)',
    illustrates: 'The bed under every location take: traffic rumble, distant city wash, an air handler\'s hum and one passing car.',
    kind: 'room-tone', format: 'pcm24', seedOffset: 20,
    params: { model: 'filtered noise layers (src/synthesis/room-tone.ts)', ...STREET_ROOM_TONE },
    render: (ctx) => roomTone(STREET_ROOM_TONE, ctx.seed + 20),
  },
];

export function fileOf(id: string): string {
  return `${id}.wav`;
}

/** Renders the named samples (all by default) with their dependencies, memoised. */
export function renderSamples(seed: number, ids?: readonly string[]): Map<string, WavAudio> {
  const byId = new Map(GENERATED.map((s) => [s.id, s]));
  const cache = new Map<string, Float32Array>();
  const ctx: RenderContext = {
    seed,
    get(id) {
      let signal = cache.get(id);
      if (!signal) {
        const sample = byId.get(id);
        if (!sample) throw new Error(`unknown generated sample ${id}`);
        signal = sample.render(ctx);
        cache.set(id, signal);
      }
      return signal;
    },
  };
  const out = new Map<string, WavAudio>();
  for (const id of ids ?? [...byId.keys()]) out.set(id, { sampleRate: SAMPLE_RATE, channels: [ctx.get(id)] });
  return out;
}
