/**
 * The street-canyon designer's model: a handful of sliders (street width, building height,
 * block length, absorption, scattering, where the source and the listener stand) turned
 * into the SpaceParams of the sample library's generator (src/synthesis/street-canyon.ts),
 * rendered the way the library renders its model IRs. The presets are the library's own
 * street IRs, read from the manifest, so an untouched preset gives back the bundled file.
 */
import { diffuseModel, directDistance, streetCanyonIr, type RenderParams, type SpaceParams } from '../synthesis/street-canyon';
import manifestJson from '../../samples/manifest.json';
import type { SampleManifest } from '../samples/manifest';

const manifest = manifestJson as SampleManifest;

export interface CanyonDesign {
  widthM: number;
  heightM: number;
  lengthM: number;
  facadeAbsorption: number;
  groundAbsorption: number;
  scattering: number;
  /** Source: distance from the first facade and height; it stands at x = 0 along the street. */
  sourceAcrossM: number;
  sourceHeightM: number;
  /** Listener: distance along the street from the source, from the first facade, height. */
  listenerAlongM: number;
  listenerAcrossM: number;
  listenerHeightM: number;
}

export type DesignKey = keyof CanyonDesign;

export interface DesignRange {
  label: string;
  min: number;
  max: number;
  step: number;
  unit: string;
}

export const DESIGN_RANGES: Record<DesignKey, DesignRange> = {
  widthM: { label: 'Street width', min: 4, max: 120, step: 1, unit: 'm' },
  heightM: { label: 'Building height', min: 0, max: 250, step: 1, unit: 'm' },
  lengthM: { label: 'Block length', min: 20, max: 500, step: 10, unit: 'm' },
  facadeAbsorption: { label: 'Facade absorption', min: 0, max: 0.95, step: 0.01, unit: '' },
  groundAbsorption: { label: 'Ground absorption', min: 0, max: 0.95, step: 0.01, unit: '' },
  scattering: { label: 'Scattering', min: 0, max: 0.9, step: 0.01, unit: '' },
  sourceAcrossM: { label: 'Source from facade', min: 0.5, max: 119.5, step: 0.5, unit: 'm' },
  sourceHeightM: { label: 'Source height', min: 0.1, max: 100, step: 0.1, unit: 'm' },
  listenerAlongM: { label: 'Listener along street', min: 0, max: 200, step: 1, unit: 'm' },
  listenerAcrossM: { label: 'Listener from facade', min: 0.5, max: 119.5, step: 0.5, unit: 'm' },
  listenerHeightM: { label: 'Listener height', min: 0.1, max: 100, step: 0.1, unit: 'm' },
};

/** Longest IR the designer renders, seconds (a nearly closed, hard canyon rings for ~10 s). */
export const MAX_DESIGN_SECONDS = 12;

export interface DesignPreset {
  id: string;
  title: string;
  illustrates: string;
  design: CanyonDesign;
  /** The generator's fixed parts of the space (air, speed of sound). */
  air: Pick<SpaceParams, 'airAttenuationDbPerKm' | 'soundSpeedMs'>;
  seed: number;
}

interface GeneratedSpaceParams {
  seedOffset?: number;
  space?: SpaceParams;
}

/** The library's street IRs (open top, open ends) as starting points. */
export const DESIGN_PRESETS: DesignPreset[] = manifest.samples.flatMap((entry) => {
  if (entry.kind !== 'impulse-response' || entry.origin.type !== 'generated') return [];
  const params = entry.origin.params as GeneratedSpaceParams;
  const space = params.space;
  if (!space || space.ceilingAbsorption !== null || space.endWallAbsorption !== null) return [];
  return [
    {
      id: entry.id,
      title: entry.title.replace(/ \(model IR\)$/, ''),
      illustrates: entry.illustrates,
      design: designOf(space),
      air: { airAttenuationDbPerKm: space.airAttenuationDbPerKm, soundSpeedMs: space.soundSpeedMs },
      seed: entry.origin.seed + (params.seedOffset ?? 0),
    },
  ];
});

function designOf(space: SpaceParams): CanyonDesign {
  return {
    widthM: space.widthM,
    heightM: space.heightM,
    lengthM: space.lengthM,
    facadeAbsorption: space.facadeAbsorption,
    groundAbsorption: space.groundAbsorption,
    scattering: space.scattering,
    sourceAcrossM: space.source[1],
    sourceHeightM: space.source[2],
    listenerAlongM: space.listener[0] - space.source[0],
    listenerAcrossM: space.listener[1],
    listenerHeightM: space.listener[2],
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Keep a design physically possible: everything inside its range, source and listener
 * between the facades and inside the block (a slider for the width may leave them outside).
 */
export function constrainDesign(d: CanyonDesign): CanyonDesign {
  const out = { ...d };
  for (const key of Object.keys(DESIGN_RANGES) as DesignKey[]) {
    const r = DESIGN_RANGES[key];
    out[key] = clamp(Number.isFinite(out[key]) ? out[key] : r.min, r.min, r.max);
  }
  out.sourceAcrossM = clamp(out.sourceAcrossM, Math.min(0.5, out.widthM / 2), out.widthM - Math.min(0.5, out.widthM / 2));
  out.listenerAcrossM = clamp(out.listenerAcrossM, Math.min(0.5, out.widthM / 2), out.widthM - Math.min(0.5, out.widthM / 2));
  out.listenerAlongM = Math.min(out.listenerAlongM, out.lengthM);
  return out;
}

export function designToSpace(design: CanyonDesign, air: DesignPreset['air']): SpaceParams {
  const d = constrainDesign(design);
  return {
    ...air,
    widthM: d.widthM,
    heightM: d.heightM,
    lengthM: d.lengthM,
    facadeAbsorption: d.facadeAbsorption,
    groundAbsorption: d.groundAbsorption,
    ceilingAbsorption: null,
    endWallAbsorption: null,
    scattering: d.scattering,
    source: [0, d.sourceAcrossM, d.sourceHeightM],
    listener: [d.listenerAlongM, d.listenerAcrossM, d.listenerHeightM],
  };
}

/**
 * Render settings as the library uses them for its street IRs (scripts/samples/catalog.ts):
 * the direct sound, then 1.1 × the model's RT60 (at least 0.3 s), 50 ms to spare.
 */
export function designRender(space: SpaceParams, sampleRate: number): RenderParams {
  const rt60 = diffuseModel(space)?.rt60Sec ?? 0;
  const direct = directDistance(space) / space.soundSpeedMs;
  const seconds = Math.round((direct + Math.max(0.3, rt60 * 1.1) + 0.05) * 100) / 100;
  return { sampleRate, durationSec: Math.min(MAX_DESIGN_SECONDS, seconds), peakDb: -1, tailLowpassHz: 6000, fadeOutSec: 0.05 };
}

export interface DesignedIr {
  ir: Float32Array<ArrayBuffer>;
  sampleRate: number;
  /** Eyring RT60 of the design's diffuse field, seconds (null: no buildings, no reverberation). */
  modelRt60: number | null;
  /** Period of the flutter echo between the facades, seconds (null without facades). */
  flutterSeconds: number | null;
  /** Direct sound's travel time, seconds. */
  directSeconds: number;
}

export function renderDesign(design: CanyonDesign, preset: Pick<DesignPreset, 'air' | 'seed'>, sampleRate: number): DesignedIr {
  const space = designToSpace(design, preset.air);
  const ir = streetCanyonIr(space, designRender(space, sampleRate), preset.seed);
  return {
    ir: Float32Array.from(ir),
    sampleRate,
    modelRt60: diffuseModel(space)?.rt60Sec ?? null,
    flutterSeconds: space.heightM > 0 ? (2 * space.widthM) / space.soundSpeedMs : null,
    directSeconds: directDistance(space) / space.soundSpeedMs,
  };
}
