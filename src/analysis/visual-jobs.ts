/**
 * The analyses behind the visual views (reflections, per-octave decay, gain-reduction trace)
 * as one request/response pair, so one worker runs any of them. (The level distribution is
 * read on the page, in place: ui/level-histograms.ts.)
 */
import { energyTimeCurve, flutterEcho, strongestReflections, type EnergyTimeCurve, type FlutterEcho, type Reflection } from './reflections';
import { octaveDecayCurves, type OctaveDecay } from './octave-decay';
import { gainReductionTrace, type GainTrace } from './gain-reduction';

export type VisualJob =
  | { kind: 'reflections'; channels: Float32Array[]; sampleRate: number }
  | { kind: 'octave-decay'; channels: Float32Array[]; sampleRate: number }
  | { kind: 'gain-trace'; channels: Float32Array[]; output: Float32Array[]; sampleRate: number; makeupDb: number };

export interface ReflectionsResult {
  etc: EnergyTimeCurve;
  reflections: Reflection[];
  flutter: FlutterEcho | null;
}

export interface VisualResults {
  reflections: ReflectionsResult;
  'octave-decay': OctaveDecay[];
  'gain-trace': GainTrace;
}

export function runVisualJob(job: VisualJob): VisualResults[VisualJob['kind']] {
  switch (job.kind) {
    case 'reflections':
      return {
        etc: energyTimeCurve(job.channels, job.sampleRate),
        reflections: strongestReflections(job.channels, job.sampleRate),
        flutter: flutterEcho(job.channels, job.sampleRate),
      };
    case 'octave-decay':
      return octaveDecayCurves(job.channels, job.sampleRate);
    case 'gain-trace':
      return gainReductionTrace(job.channels, job.output, job.sampleRate, { makeupDb: job.makeupDb });
  }
}
