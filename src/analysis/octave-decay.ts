/**
 * Schroeder decay curves per octave band (125 Hz–8 kHz) for plotting, with each band's T30
 * fit: the reverb-metrics pipeline (band filter, noise-compensated Schroeder integration) kept
 * as curves rather than reduced to a table of numbers.
 */
import { fitDecay, type DecayFit } from './decay';
import { analyseDecay, bandFiltered, CURVE_STEP_SECONDS, OCTAVE_CENTRES } from './reverb-metrics';
import type { Channels } from './levels';

export interface OctaveDecay {
  centre: number;
  /** Seconds per curve value; the curve starts at the band's own onset. */
  stepSec: number;
  curveDb: Float32Array;
  t30: DecayFit;
}

export function octaveDecayCurves(channels: Channels, sampleRate: number, centres: readonly number[] = OCTAVE_CENTRES): OctaveDecay[] {
  return centres.map((centre) => {
    const d = analyseDecay(bandFiltered(channels, centre, sampleRate), sampleRate);
    return {
      centre,
      stepSec: CURVE_STEP_SECONDS,
      curveDb: Float32Array.from(d.curveDb),
      t30: fitDecay(d.curveDb, 1 / CURVE_STEP_SECONDS, -5, -35),
    };
  });
}
