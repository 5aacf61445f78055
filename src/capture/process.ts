/**
 * From a recording (sine sweep, clap) or a design to an IR the lab can use: make it,
 * check it, measure it. Everything the capture worker runs, as plain functions (no DOM),
 * so Node tests can call them too. Failures come back as sentences for the UI.
 */
import { measureClip, type ClipMeasurements } from '../analysis/measure';
import { samplePeak, toDb, type Channels } from '../analysis/levels';
import type { CaptureResult } from './captured-ir';
import { impulseFromSweepRecording } from './deconvolve';
import { impulseFromRecording } from './impulse-ir';
import type { SweepSpec } from './sweep';
import { validateImpulseResponse } from './validate';
import { renderDesign, type CanyonDesign, type DesignPreset } from './designer';

export interface IrNotice {
  severity: 'error' | 'warning';
  message: string;
}

export interface IrMade {
  ok: true;
  channels: Float32Array<ArrayBuffer>[];
  sampleRate: number;
  measurements: ClipMeasurements;
  /** Validation problems and capture warnings; any error makes the IR unusable. */
  notices: IrNotice[];
  /** Figures of how it was made, for the UI (e.g. noise floor, model RT60), with units in the key. */
  details: Record<string, number | null>;
}

export type IrOutcome = IrMade | { ok: false; reason: string };

/** Below this recording peak (dBFS) the microphone level is worth mentioning when a capture fails. */
const QUIET_RECORDING_DBFS = -45;

/** Longest run of samples at or above 0.999 full scale: three or more means the input clipped. */
function clippedRun(channels: Channels): number {
  let longest = 0;
  for (const ch of channels) {
    let run = 0;
    for (let i = 0; i < ch.length; i++) {
      run = Math.abs(ch[i]) >= 0.999 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
}

/** Validate and measure an IR; `notices` come first (they explain the capture). */
function finish(channels: Float32Array<ArrayBuffer>[], sampleRate: number, notices: IrNotice[], details: IrMade['details']): IrMade {
  const validation = validateImpulseResponse(channels, sampleRate);
  const all = [...notices, ...validation.problems.map((p) => ({ severity: p.severity, message: p.message }))];
  const measurements = measureClip(channels, sampleRate);
  return { ok: true, channels, sampleRate, measurements, notices: all, details };
}

/** A capture's T30 needs 35 dB of clean decay; say so when the room or the level did not give it. */
function rangeNotice(m: ClipMeasurements, noiseFloorDb: number): IrNotice[] {
  if (m.t30.seconds !== null) return [];
  const range = Number.isFinite(noiseFloorDb) ? ` (the decay stands ${(-noiseFloorDb).toFixed(0)} dB above the noise)` : '';
  return [
    {
      severity: 'warning',
      message: `T30 could not be measured: it needs 35 dB of clean decay${range}. Capture again louder, closer, or in a quieter moment.`,
    },
  ];
}

function fromCapture(result: CaptureResult, recording: Channels, what: 'sweep' | 'clap'): IrOutcome {
  const peakDb = toDb(samplePeak(recording));
  if (!result.ok) {
    const quiet =
      peakDb < QUIET_RECORDING_DBFS
        ? ` The microphone picked up very little (peak ${Number.isFinite(peakDb) ? `${peakDb.toFixed(0)} dBFS` : 'zero'}): check that it is on and its input level is up.`
        : '';
    return { ok: false, reason: result.reason + quiet };
  }
  const { ir } = result;
  const notices: IrNotice[] = [];
  // The clap path rejects clipping itself; a clipped sweep still deconvolves, with distortion.
  if (what === 'sweep' && clippedRun(recording) >= 3) {
    notices.push({
      severity: 'warning',
      message: 'The recording clipped (samples at full scale): turn the playback or the input level down and capture again for a clean IR.',
    });
  }
  const made = finish(ir.channels, ir.sampleRate, notices, {
    noiseFloorDb: Number.isFinite(ir.noiseFloorDb) ? ir.noiseFloorDb : null,
    recordingPeakDbfs: Number.isFinite(peakDb) ? peakDb : null,
  });
  made.notices.push(...rangeNotice(made.measurements, ir.noiseFloorDb));
  return made;
}

/** A recording that started before the sweep played and ran on while the room rang out. */
export function irFromSweep(recording: Float32Array[], sampleRate: number, spec: SweepSpec): IrOutcome {
  return fromCapture(impulseFromSweepRecording(recording, sampleRate, spec), recording, 'sweep');
}

/** A recording of one clap or balloon pop and its echo. */
export function irFromClap(recording: Float32Array[], sampleRate: number): IrOutcome {
  return fromCapture(impulseFromRecording(recording, sampleRate), recording, 'clap');
}

export function irFromDesign(design: CanyonDesign, preset: Pick<DesignPreset, 'air' | 'seed'>, sampleRate: number): IrOutcome {
  const d = renderDesign(design, preset, sampleRate);
  return finish([d.ir], sampleRate, [], {
    modelRt60Seconds: d.modelRt60,
    flutterSeconds: d.flutterSeconds,
    directSeconds: d.directSeconds,
  });
}
