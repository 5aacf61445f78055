/**
 * The timing of a capture: when to record, when to play, when to stop. The recorder and
 * the sweep player are passed in, so the order of events is the only thing decided here.
 */
import { exponentialSweep, type SweepSpec } from './sweep';

export interface Recorder {
  start(): Promise<void>;
  stop(): Promise<Blob>;
}

/** Recorded before the sweep starts: MediaRecorder needs a moment, and the room's background belongs in the recording. */
export const PRE_ROLL_SECONDS = 0.5;

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));

/**
 * Record while the sweep plays, and on for `tailSeconds` while the room rings out. The
 * deconvolution finds the sweep in the recording itself, so the output and input
 * latencies need not be known.
 */
export async function recordSweep(
  recorder: Recorder,
  spec: SweepSpec,
  tailSeconds: number,
  onStatus: (status: string) => void,
  play: (samples: Float32Array<ArrayBuffer>, sampleRate: number) => Promise<void>,
): Promise<Blob> {
  const sweep = exponentialSweep(spec);
  onStatus('Opening the microphone…');
  await recorder.start();
  try {
    onStatus('Listening to the room…');
    await sleep(PRE_ROLL_SECONDS);
    onStatus(`Playing the sweep (${spec.seconds} s) — keep quiet…`);
    await play(sweep, spec.sampleRate);
    onStatus('Recording the decay…');
    await sleep(tailSeconds);
  } catch (err) {
    await recorder.stop().catch(() => {});
    throw err;
  }
  return recorder.stop();
}

/** Record for `seconds`; the user claps once when told. */
export async function recordClap(recorder: Recorder, seconds: number, onStatus: (status: string) => void): Promise<Blob> {
  onStatus('Opening the microphone…');
  await recorder.start();
  await sleep(PRE_ROLL_SECONDS);
  onStatus('Clap once (or pop the balloon) — now!');
  await sleep(Math.max(0, seconds - PRE_ROLL_SECONDS));
  return recorder.stop();
}
