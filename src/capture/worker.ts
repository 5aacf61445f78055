/**
 * Capture work off the main thread: deconvolving a sweep recording (FFTs of a million
 * points), extracting a clap, rendering a designed canyon, and measuring the result take
 * from a tenth of a second to a second — too long to freeze the page for.
 */
import { irFromClap, irFromDesign, irFromSweep, type IrOutcome } from './process';
import type { CanyonDesign, DesignPreset } from './designer';
import type { SweepSpec } from './sweep';

export type CaptureJob =
  | { kind: 'sweep'; recording: Float32Array[]; sampleRate: number; spec: SweepSpec }
  | { kind: 'clap'; recording: Float32Array[]; sampleRate: number }
  | { kind: 'design'; design: CanyonDesign; preset: Pick<DesignPreset, 'air' | 'seed'>; sampleRate: number };

export interface CaptureRequest {
  id: number;
  job: CaptureJob;
}

export interface CaptureResponse {
  id: number;
  outcome: IrOutcome;
}

function run(job: CaptureJob): IrOutcome {
  if (job.kind === 'sweep') return irFromSweep(job.recording, job.sampleRate, job.spec);
  if (job.kind === 'clap') return irFromClap(job.recording, job.sampleRate);
  return irFromDesign(job.design, job.preset, job.sampleRate);
}

self.onmessage = (event: MessageEvent<CaptureRequest>) => {
  const { id, job } = event.data;
  let outcome: IrOutcome;
  try {
    outcome = run(job);
  } catch (err) {
    outcome = { ok: false, reason: `The impulse response could not be made: ${err instanceof Error ? err.message : String(err)}` };
  }
  const transfer = outcome.ok ? outcome.channels.map((c) => c.buffer) : [];
  (self as unknown as Worker).postMessage({ id, outcome } satisfies CaptureResponse, transfer);
};
