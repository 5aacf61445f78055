/**
 * Discrete reflections of an impulse response: its energy-time curve (ETC), the strongest
 * reflections after the direct sound with the extra path each one travelled, and the flutter
 * echo — the repetition between two parallel facades — with the spacing it implies.
 */
import { envelopeAutocorrelation, strongestLag } from './autocorrelation';
import { energyEnvelope } from './decay';
import { onsetIndex } from './reverb-metrics';
import type { Channels } from './levels';

/** Speed of sound in air at 20 °C, m/s (the bundled IR models use the same). */
export const SPEED_OF_SOUND = 343;
/** The direct sound's peak is looked for this long after its onset (ISO 3382-1's direct window). */
const DIRECT_WINDOW_SEC = 0.0025;

export interface EnergyTimeCurve {
  /** Seconds per value. */
  stepSec: number;
  /** Seconds from the start of the clip to the direct sound's peak. */
  directSec: number;
  /** Largest energy in each step, dB re the direct sound's peak (so the direct sound is 0 dB). */
  db: Float32Array;
}

/** Index of the direct sound's peak: the loudest sample shortly after the onset (20 dB rule). */
function directPeak(energy: Float64Array, sampleRate: number): number {
  const onset = onsetIndex(energy);
  let best = onset;
  for (let i = onset; i < Math.min(energy.length, onset + Math.round(DIRECT_WINDOW_SEC * sampleRate)); i++) {
    if (energy[i] > energy[best]) best = i;
  }
  return best;
}

/**
 * ETC in dB, one value per `stepSec` (max-pooled, so a one-sample reflection is not averaged
 * away when the curve is drawn at a coarse step).
 */
export function energyTimeCurve(channels: Channels, sampleRate: number, stepSec = 0.0005): EnergyTimeCurve {
  const energy = energyEnvelope(channels);
  const direct = directPeak(energy, sampleRate);
  const ref = energy[direct] || 1;
  const step = Math.max(1, Math.round(stepSec * sampleRate));
  const db = new Float32Array(Math.ceil(energy.length / step));
  for (let b = 0; b < db.length; b++) {
    let max = 0;
    for (let i = b * step; i < Math.min(energy.length, (b + 1) * step); i++) if (energy[i] > max) max = energy[i];
    db[b] = max > 0 ? 10 * Math.log10(max / ref) : -Infinity;
  }
  return { stepSec: step / sampleRate, directSec: direct / sampleRate, db };
}

export interface Reflection {
  /** Arrival after the direct sound, seconds. */
  delaySec: number;
  /** Arrival on the clip's time axis, seconds. */
  timeSec: number;
  /** Level re the direct sound, dB (energy of the peak sample). */
  levelDb: number;
  /** How far it stands above the energy around it (±5 ms), dB. */
  prominenceDb: number;
  /** Extra path length over the direct sound, c · delay, metres. */
  extraPathM: number;
}

export interface ReflectionOptions {
  /** How many to return, strongest first (default 8). */
  count?: number;
  /** Search this long after the direct sound, seconds (default 0.3: the early part). */
  maxDelaySec?: number;
  /** Two reflections closer than this are one (default 1 ms). */
  minSpacingSec?: number;
  /** A reflection must stand this far above the mean energy of the ±5 ms around it (default 10 dB: a diffuse tail's own peaks reach 6–8). */
  minProminenceDb?: number;
}

/**
 * Strongest discrete reflections: local maxima of the energy (smoothed over 0.25 ms, about a
 * reflection's width at 48 kHz) that stand out of their surroundings, strongest first.
 */
export function strongestReflections(channels: Channels, sampleRate: number, o: ReflectionOptions = {}): Reflection[] {
  const energy = energyEnvelope(channels);
  const direct = directPeak(energy, sampleRate);
  const ref = energy[direct] || 1;
  const spacing = Math.max(1, Math.round((o.minSpacingSec ?? 0.001) * sampleRate));
  const around = Math.round(0.005 * sampleRate);
  const smoothHalf = Math.max(1, Math.round(0.000125 * sampleRate));
  const prefix = new Float64Array(energy.length + 1);
  for (let i = 0; i < energy.length; i++) prefix[i + 1] = prefix[i] + energy[i];
  const mean = (a: number, b: number) => {
    const lo = Math.max(0, a);
    const hi = Math.min(energy.length, b);
    return hi > lo ? (prefix[hi] - prefix[lo]) / (hi - lo) : 0;
  };
  const smooth = (i: number) => mean(i - smoothHalf, i + smoothHalf + 1);
  const start = direct + Math.round(DIRECT_WINDOW_SEC * sampleRate);
  const end = Math.min(energy.length - 1, direct + Math.round((o.maxDelaySec ?? 0.3) * sampleRate));
  const found: Reflection[] = [];
  for (let i = start; i <= end; i++) {
    const v = smooth(i);
    if (v <= 0 || !(v >= smooth(i - 1) && v > smooth(i + 1))) continue;
    let isMax = true;
    for (let j = Math.max(0, i - spacing); j <= Math.min(energy.length - 1, i + spacing) && isMax; j += 4) if (smooth(j) > v) isMax = false;
    if (!isMax) continue;
    const prominenceDb = 10 * Math.log10(v / (mean(i - around, i + around + 1) || v));
    if (prominenceDb < (o.minProminenceDb ?? 10)) continue;
    // The arrival is the loudest raw sample of the peak.
    let peak = i;
    for (let j = i - smoothHalf; j <= i + smoothHalf; j++) if (energy[j] > energy[peak]) peak = j;
    const delaySec = (peak - direct) / sampleRate;
    i = peak + spacing; // one peak, one reflection
    found.push({
      delaySec,
      timeSec: peak / sampleRate,
      levelDb: 10 * Math.log10(energy[peak] / ref),
      prominenceDb,
      extraPathM: SPEED_OF_SOUND * delaySec,
    });
  }
  return found.sort((a, b) => b.levelDb - a.levelDb).slice(0, o.count ?? 8);
}

export interface FlutterEcho {
  /** Period of the repetition, seconds. */
  periodSec: number;
  /** Distance between the two reflecting surfaces it implies: c · period / 2, metres. */
  spacingM: number;
  /** Autocorrelation of the level envelope at that period (0 … 1): how regular the repetition is. */
  strength: number;
}

/** Below this envelope autocorrelation there is no regular repetition (canyon 0.39, boulevard 0.32; the diner, the open field and the two real IRs find none above it). */
export const FLUTTER_MIN_STRENGTH = 0.15;

/**
 * Flutter echo from the autocorrelation of the level envelope (src/analysis/autocorrelation.ts),
 * 50 ms after the direct sound (before that the spacing depends on where source and listener
 * stand) over 1.5 s, for periods of 20–500 ms (facades 3.4–86 m apart). Null when there is
 * no regular repetition, or the clip is too short to hold two periods.
 */
export function flutterEcho(channels: Channels, sampleRate: number): FlutterEcho | null {
  const energy = energyEnvelope(channels);
  const startSec = directPeak(energy, sampleRate) / sampleRate + 0.05;
  const endSec = Math.min(energy.length / sampleRate, startSec + 1.5);
  if (endSec - startSec < 0.1) return null;
  const r = envelopeAutocorrelation(channels, sampleRate, { startSec, endSec, smoothSec: 0.002 });
  const maxLag = Math.min(Math.round(0.5 * sampleRate), Math.floor(r.length / 2));
  const lag = strongestLag(r, Math.round(0.02 * sampleRate), maxLag);
  if (lag < 0 || r[lag] < FLUTTER_MIN_STRENGTH) return null;
  const periodSec = lag / sampleRate;
  return { periodSec, spacingM: (SPEED_OF_SOUND * periodSec) / 2, strength: r[lag] };
}
