/**
 * Dry, close-miked gunshot: ballistic crack (N-wave) ahead of the muzzle blast (Friedlander
 * pulse), the turbulent gas jet that follows it, the mechanical action (slide or bolt clicks)
 * and, for the pistol, the ejected case landing on the ground. Everything is mono pressure at
 * one microphone position in free field: no room, no ground reflection — that is the job of
 * the impulse responses.
 */
import { nWave, friedlanderPulse, shotArrivals } from './blast-waves';
import { filter } from '../analysis/biquad';
import { createPrng, whiteNoise, type Prng } from './prng';
import { addImpulse, mixInto, normalizePeak } from './signal';

export interface MechanicalClick {
  /** Seconds after the muzzle blast arrives (negative = before it, e.g. the hammer). */
  atSec: number;
  /** Peak amplitude relative to the blast peak. */
  level: number;
  /** Centre of the metal's resonance, Hz. */
  resonanceHz: number;
  /** Ring-down time constant, seconds. */
  decaySec: number;
}

export interface GunshotParams {
  sampleRate: number;
  /** Length of the output, seconds. */
  durationSec: number;
  /** Silence before the first arrival, seconds. */
  preRollSec: number;
  soundSpeedMs: number;
  bulletSpeedMs: number;
  /** Microphone position relative to the muzzle: metres down range and to the side. */
  micDownrangeM: number;
  micOffsetM: number;
  /** Friedlander positive-phase duration (s) and decay constant. */
  blastPositivePhaseSec: number;
  blastDecayConstant: number;
  /** N-wave duration (s) and its peak relative to the blast peak. */
  crackDurationSec: number;
  crackLevel: number;
  /** Turbulent gas jet after the blast: level relative to the blast peak, decay constant (s), low-pass (Hz). */
  gasLevel: number;
  gasDecaySec: number;
  gasLowpassHz: number;
  clicks: MechanicalClick[];
  /** Ejected case bouncing on the ground: times (s after the blast) and level; empty for none. */
  caseBouncesSec: number[];
  caseLevel: number;
  /** Output peak, dBFS. */
  peakDb: number;
}

export const PISTOL: GunshotParams = {
  sampleRate: 48_000,
  durationSec: 0.8,
  preRollSec: 0.02,
  soundSpeedMs: 343,
  bulletSpeedMs: 390, // a hot 9 mm load: just supersonic (Mach 1.14), a weak crack
  micDownrangeM: 6,
  micOffsetM: 1.5,
  blastPositivePhaseSec: 0.0005,
  blastDecayConstant: 1.8,
  crackDurationSec: 0.00015,
  crackLevel: 0.15,
  gasLevel: 0.18,
  gasDecaySec: 0.02,
  gasLowpassHz: 3000,
  clicks: [
    { atSec: -0.0025, level: 0.01, resonanceHz: 3200, decaySec: 0.002 }, // striker
    { atSec: 0.006, level: 0.03, resonanceHz: 2500, decaySec: 0.004 }, // slide hits its stop
    { atSec: 0.014, level: 0.025, resonanceHz: 3600, decaySec: 0.005 }, // slide returns into battery
  ],
  caseBouncesSec: [0.42, 0.5, 0.545],
  caseLevel: 0.006,
  peakDb: -1,
};

export const RIFLE: GunshotParams = {
  ...PISTOL,
  bulletSpeedMs: 900, // a 5.56 mm rifle round: Mach 2.6, a loud crack well ahead of the blast
  micOffsetM: 2,
  blastPositivePhaseSec: 0.001,
  blastDecayConstant: 1.5,
  crackDurationSec: 0.0003,
  crackLevel: 0.8,
  gasLevel: 0.2,
  gasDecaySec: 0.035,
  gasLowpassHz: 2000,
  clicks: [
    { atSec: 0.004, level: 0.02, resonanceHz: 1800, decaySec: 0.006 }, // bolt carrier travels back
    { atSec: 0.011, level: 0.03, resonanceHz: 2400, decaySec: 0.006 }, // buffer / bolt closes
  ],
  caseBouncesSec: [],
  caseLevel: 0,
};

/** A short noise burst through a resonance: a metal part struck once. */
function click(prng: Prng, c: MechanicalClick, sampleRate: number): Float32Array {
  const n = Math.round(c.decaySec * 8 * sampleRate);
  const noise = whiteNoise(prng, n);
  for (let i = 0; i < n; i++) noise[i] *= Math.exp(-i / sampleRate / (c.decaySec * 0.3));
  const rung = filter(noise, 'bandpass', c.resonanceHz, sampleRate, 8);
  for (let i = 0; i < n; i++) rung[i] *= Math.exp(-i / sampleRate / c.decaySec);
  return normalizePeak(rung, 20 * Math.log10(c.level));
}

/** A brass case hitting the ground: a few inharmonic partials of a thin tube ringing down. */
function caseHit(level: number, sampleRate: number): Float32Array {
  const partialsHz = [4150, 6420, 9780, 12300];
  const n = Math.round(0.06 * sampleRate);
  const out = new Float32Array(n);
  for (let k = 0; k < partialsHz.length; k++) {
    const decay = 0.025 / (1 + k * 0.5);
    for (let i = 0; i < n; i++)
      out[i] += (Math.sin((2 * Math.PI * partialsHz[k] * i) / sampleRate) * Math.exp(-i / sampleRate / decay)) / (1 + k);
  }
  return normalizePeak(out, 20 * Math.log10(level));
}

export function dryGunshot(p: GunshotParams, seed: number): Float32Array {
  const sr = p.sampleRate;
  const prng = createPrng(seed);
  const out = new Float32Array(Math.round(p.durationSec * sr));
  const { blastSec, crackSec } = shotArrivals(p.micDownrangeM, p.micOffsetM, p.bulletSpeedMs, p.soundSpeedMs);
  const first = crackSec ?? blastSec;
  const blastAt = (p.preRollSec + blastSec - first) * sr;

  const blast = friedlanderPulse(1, p.blastPositivePhaseSec, p.blastDecayConstant, 12 * p.blastPositivePhaseSec, sr);
  // Fractional placement keeps the crack-to-blast gap exact.
  blast.forEach((v, i) => addImpulse(out, blastAt + i, v));
  if (crackSec !== null) {
    const crackAt = p.preRollSec * sr;
    nWave(p.crackLevel, p.crackDurationSec, sr).forEach((v, i) => addImpulse(out, crackAt + i, v));
  }

  const gasLength = Math.round(p.gasDecaySec * 8 * sr);
  const gas = filter(whiteNoise(prng, gasLength), 'lowpass', p.gasLowpassHz, sr);
  for (let i = 0; i < gasLength; i++) gas[i] *= p.gasLevel * Math.exp(-i / sr / p.gasDecaySec);
  mixInto(out, gas, Math.round(blastAt));

  for (const c of p.clicks) mixInto(out, click(prng, c, sr), Math.round(blastAt + c.atSec * sr));
  p.caseBouncesSec.forEach((t, k) => mixInto(out, caseHit(p.caseLevel / (1 + k), sr), Math.round(blastAt + t * sr)));

  // A measurement microphone's response ends around 20 kHz; this also tames the ideal shocks.
  return normalizePeak(filter(out, 'lowpass', 20_000, sr), p.peakDb);
}
