/**
 * The processing chain's settings: one plain, serialisable object shared by the live
 * chain, the offline render and the UI. Ranges live here so the sliders and the
 * engine agree on them.
 */
export interface ReverbSettings {
  enabled: boolean;
  /** Manifest id of the impulse response. */
  irId: string;
  /** 0 = dry only, 0.5 = dry + wet both at full level, 1 = wet only (see wetDryGains). */
  wet: number;
  /** Seconds between the dry sound and the start of the reverb (the IR is delayed, the dry is not). */
  preDelay: number;
}

export interface CompressorSettings {
  enabled: boolean;
  /** dBFS */
  threshold: number;
  /** n:1 */
  ratio: number;
  /** seconds */
  attack: number;
  /** seconds */
  release: number;
  /** dB */
  knee: number;
  /** dB of gain after the compressor. */
  makeup: number;
}

export interface ChainSettings {
  reverb: ReverbSettings;
  compressor: CompressorSettings;
}

export interface ParamRange {
  min: number;
  max: number;
  step: number;
  unit: string;
}

/** Limits of DynamicsCompressorNode's AudioParams (Web Audio spec), except makeup. */
export const COMPRESSOR_RANGES: Record<Exclude<keyof CompressorSettings, 'enabled'>, ParamRange> = {
  threshold: { min: -60, max: 0, step: 1, unit: 'dB' },
  ratio: { min: 1, max: 20, step: 0.5, unit: ':1' },
  attack: { min: 0, max: 1, step: 0.001, unit: 's' },
  release: { min: 0.01, max: 1, step: 0.01, unit: 's' },
  knee: { min: 0, max: 40, step: 1, unit: 'dB' },
  makeup: { min: -12, max: 24, step: 0.5, unit: 'dB' },
};

/** The compressor's numeric settings, in the order the UI and the URL list them. */
export const COMPRESSOR_KEYS = Object.keys(COMPRESSOR_RANGES) as (keyof typeof COMPRESSOR_RANGES)[];

export const WET_RANGE: ParamRange = { min: 0, max: 1, step: 0.01, unit: '' };
/** A/B switch crossfade, seconds (1–50 ms): long enough not to click, short enough to feel instant. */
export const CROSSFADE_RANGE: ParamRange = { min: 0.001, max: 0.05, step: 0.001, unit: 's' };
/** Output level before the safety limiter, dB. */
export const OUTPUT_LEVEL_RANGE: ParamRange = { min: -30, max: 6, step: 0.5, unit: 'dB' };
/** Pre-delay: up to 200 ms, the gap a listener hears between a shot and the first wall. */
export const PRE_DELAY_RANGE: ParamRange = { min: 0, max: 0.2, step: 0.001, unit: 's' };

/**
 * Defaults chosen for the lab's story: a heavy "broadcast" compression that visibly
 * flattens a gunshot's peaks (fast attack, 8:1 from −30 dB), and the reverb added at full
 * level to the untouched dry sound, as the space itself would add it.
 */
export function defaultSettings(irId: string): ChainSettings {
  return {
    reverb: { enabled: true, irId, wet: 0.5, preDelay: 0 },
    compressor: { enabled: false, threshold: -30, ratio: 8, attack: 0.001, release: 0.15, knee: 6, makeup: 0 },
  };
}

export function cloneSettings(s: ChainSettings): ChainSettings {
  return { reverb: { ...s.reverb }, compressor: { ...s.compressor } };
}
