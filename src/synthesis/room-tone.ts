/**
 * An urban ambience bed ("room tone" of a street): what a location recordist captures between
 * takes. Layers, each a filtered Gaussian noise or a tone:
 *  - traffic rumble: noise below ~120 Hz, slowly swelling and ebbing (engines, tyres, far away);
 *  - city wash: band-limited noise around a few hundred Hz (everything distant, smeared by the
 *    street's reverberation, which absorbs the highs);
 *  - a nearby air-handling unit: 60 Hz mains hum with harmonics over broadband fan noise;
 *  - one car passing at a distance: a noise swell with a Gaussian envelope.
 * The mix is scaled to a fixed RMS level, so the bed sits where real room tone sits.
 */
import { filter } from '../analysis/biquad';
import { createPrng, whiteNoise } from './prng';
import { fadeOut } from './signal';
import { rms } from '../analysis/levels';

export interface RoomToneParams {
  sampleRate: number;
  durationSec: number;
  /** Target RMS level of the mix, dBFS. */
  rmsDb: number;
  rumbleLowpassHz: number;
  /** Layer levels relative to each other (linear RMS). */
  rumbleLevel: number;
  washLevel: number;
  humLevel: number;
  fanLevel: number;
  carLevel: number;
  mainsHz: number;
  /** Centre time (s) and width (s, one standard deviation) of the passing car. */
  carAtSec: number;
  carWidthSec: number;
  fadeSec: number;
}

export const STREET_ROOM_TONE: RoomToneParams = {
  sampleRate: 48_000,
  durationSec: 12,
  rmsDb: -42,
  rumbleLowpassHz: 120,
  rumbleLevel: 1,
  washLevel: 0.45,
  humLevel: 0.08,
  fanLevel: 0.12,
  carLevel: 0.8,
  mainsHz: 60,
  carAtSec: 7,
  carWidthSec: 1.2,
  fadeSec: 0.05,
};

/** Noise scaled to unit RMS (so the layer levels are what the parameters say). */
function unitRms(x: Float32Array): Float32Array {
  const r = rms([x]);
  if (r > 0) for (let i = 0; i < x.length; i++) x[i] /= r;
  return x;
}

export function roomTone(p: RoomToneParams, seed: number): Float32Array {
  const sr = p.sampleRate;
  const n = Math.round(p.durationSec * sr);
  const prng = createPrng(seed);
  const rumble = unitRms(filter(filter(whiteNoise(prng, n), 'lowpass', p.rumbleLowpassHz, sr), 'lowpass', p.rumbleLowpassHz, sr));
  const wash = unitRms(filter(filter(whiteNoise(prng, n), 'lowpass', 900, sr), 'highpass', 150, sr));
  const fan = unitRms(filter(whiteNoise(prng, n), 'bandpass', 450, sr, 0.8));
  const car = unitRms(filter(filter(whiteNoise(prng, n), 'lowpass', 1200, sr), 'highpass', 60, sr));
  // Slow, incommensurate swells: the traffic never repeats within the clip.
  const swellHz = [0.071, 0.13, 0.29];
  const swellPhase = swellHz.map(() => 2 * Math.PI * prng.next());
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    let swell = 1;
    for (let k = 0; k < swellHz.length; k++) swell += (0.25 / (k + 1)) * Math.sin(2 * Math.PI * swellHz[k] * t + swellPhase[k]);
    let hum = 0;
    for (let h = 1; h <= 3; h++) hum += Math.sin(2 * Math.PI * p.mainsHz * h * t) / h;
    const pass = Math.exp(-0.5 * ((t - p.carAtSec) / p.carWidthSec) ** 2);
    out[i] =
      p.rumbleLevel * swell * rumble[i] + p.washLevel * wash[i] + p.humLevel * hum + p.fanLevel * fan[i] + p.carLevel * pass * car[i];
  }
  const gain = 10 ** (p.rmsDb / 20) / rms([out]);
  for (let i = 0; i < n; i++) out[i] *= gain;
  // Fade both ends so the bed starts and stops without clicks.
  const fade = Math.round(p.fadeSec * sr);
  for (let i = 0; i < fade; i++) out[i] *= 0.5 * (1 - Math.cos((Math.PI * i) / fade));
  return fadeOut(out, fade);
}
