/**
 * The capture panel's state: the sweep and clap options, what is going on (recording,
 * processing), the last problem in words, and the last captured IR — which is kept in
 * IndexedDB, so a capture survives a reload even before it is saved.
 */
import { channelCopies } from '../audio/buffer-channels';
import { AudioInputError, decodeAudio } from '../audio/decode';
import { LAB_SAMPLE_RATE } from '../audio/constants';
import { defaultSweepSpec, type SweepSpec } from '../capture/sweep';
import type { IrOutcome } from '../capture/process';
import { CaptureWorker } from '../capture/worker-client';
import { deleteValue, loadValue, saveValue } from './session-store';
import {
  wavFile,
  fromStored,
  resultOf,
  saveToLab,
  stamp,
  storable,
  useInReverb,
  type IrResult,
  type IrSource,
  type StoredIrResult,
} from './ir-result';
import type { IrSink } from './ir-result';

export type CapturePhase = 'idle' | 'recording' | 'processing';

interface CaptureOptions {
  sweepSeconds: number;
  tailSeconds: number;
  clapSeconds: number;
}

/** The reverb's id for the capture in use before it is saved. */
export const CAPTURED_IR_ID = 'session:captured';
const LAST_KEY = 'capture:last';
const OPTIONS_KEY = 'capture:options';

export const SWEEP_SECONDS_CHOICES = [2, 5, 10] as const;
export const TAIL_SECONDS_CHOICES = [1, 2, 4, 8] as const;
export const CLAP_SECONDS_CHOICES = [2, 3, 5, 8] as const;

export class CaptureState {
  sweepSeconds = $state(5);
  /** How long to keep recording after the sweep: longer than the room's decay. */
  tailSeconds = $state(2);
  /** How long a clap recording runs. */
  clapSeconds = $state(3);
  phase = $state<CapturePhase>('idle');
  /** What the user should do or wait for now. */
  status = $state('');
  /** Why the last capture failed, in words for the user ('' when it did not). */
  problem = $state('');
  result = $state.raw<IrResult | null>(null);

  constructor(
    private readonly lab: IrSink,
    private readonly worker = new CaptureWorker(),
  ) {}

  /** The sweep as played: the lab's rate, the chosen length, −6 dBFS. */
  get sweepSpec(): SweepSpec {
    return { ...defaultSweepSpec(LAB_SAMPLE_RATE), seconds: this.sweepSeconds };
  }

  /** Bring back the options and the last capture from IndexedDB. */
  async restore(): Promise<void> {
    const [options, last] = await Promise.all([loadValue<CaptureOptions>(OPTIONS_KEY), loadValue<StoredIrResult>(LAST_KEY)]);
    // Only lengths the panel offers: a stored "abc" or NaN made a sweep of no length.
    const pick = <T extends number>(v: unknown, choices: readonly T[], now: T): T => (choices.includes(v as T) ? (v as T) : now);
    this.sweepSeconds = pick(options?.sweepSeconds, SWEEP_SECONDS_CHOICES, this.sweepSeconds);
    this.tailSeconds = pick(options?.tailSeconds, TAIL_SECONDS_CHOICES, this.tailSeconds);
    this.clapSeconds = pick(options?.clapSeconds, CLAP_SECONDS_CHOICES, this.clapSeconds);
    if (last && !this.result) {
      try {
        this.result = fromStored(last);
      } catch (err) {
        await deleteValue(LAST_KEY); // damaged: forget it rather than fail every load, and say so
        this.lab.notify(
          'warning',
          `The last capture kept in this browser could not be read back (${err instanceof Error ? err.message : String(err)}).`,
        );
      }
    }
  }

  setOptions(change: Partial<CaptureOptions>): void {
    Object.assign(this, change);
    const options: CaptureOptions = { sweepSeconds: this.sweepSeconds, tailSeconds: this.tailSeconds, clapSeconds: this.clapSeconds };
    saveValue(OPTIONS_KEY, options, 'the capture settings').catch((err: Error) => this.lab.notify('error', err.message));
  }

  /** Progress of a recording in words ("Recording… 2 s"). */
  setStatus(status: string): void {
    this.status = status;
  }

  begin(status: string): void {
    this.phase = 'recording';
    this.status = status;
    this.problem = '';
  }

  /** A failure the user must read: shown in the panel (the capture keeps its last good result). */
  fail(message: string): void {
    this.phase = 'idle';
    this.status = '';
    this.problem = message;
  }

  /** A recorded sweep (as the recorder delivered it) → the room's IR. */
  async processSweepBlob(blob: Blob, spec: SweepSpec): Promise<boolean> {
    const recording = await this.decode(blob);
    return recording ? this.processSweepRecording(recording, spec) : false;
  }

  async processClapBlob(blob: Blob): Promise<boolean> {
    const recording = await this.decode(blob);
    return recording ? this.processClapRecording(recording) : false;
  }

  /** The path every sweep recording takes once decoded: deconvolve, check, measure, show. */
  async processSweepRecording(recording: AudioBuffer, spec: SweepSpec): Promise<boolean> {
    this.processing('Deconvolving the sweep…');
    const outcome = await this.worker.run({ kind: 'sweep', recording: channelCopies(recording), sampleRate: recording.sampleRate, spec });
    return this.land(outcome, 'sweep', `Sweep capture ${stamp()}`);
  }

  async processClapRecording(recording: AudioBuffer): Promise<boolean> {
    this.processing('Finding the clap…');
    const outcome = await this.worker.run({ kind: 'clap', recording: channelCopies(recording), sampleRate: recording.sampleRate });
    return this.land(outcome, 'clap', `Clap capture ${stamp()}`);
  }

  async useAsReverb(): Promise<void> {
    if (this.result?.usable) await useInReverb(this.lab, CAPTURED_IR_ID, this.result);
  }

  async save(): Promise<void> {
    if (this.result?.usable) await saveToLab(this.lab, this.result);
  }

  /** The result as a WAV file to download, or null. */
  wavFile(): { name: string; blob: Blob } | null {
    return this.result ? wavFile(this.result) : null;
  }

  /** Forget the last capture (a saved copy stays in the IR picker). */
  async discard(): Promise<void> {
    this.result = null;
    await deleteValue(LAST_KEY);
  }

  dispose(): void {
    this.worker.dispose();
  }

  private processing(status: string): void {
    this.phase = 'processing';
    this.status = status;
    this.problem = '';
  }

  private async decode(blob: Blob): Promise<AudioBuffer | null> {
    this.processing('Reading the recording…');
    try {
      return (await decodeAudio(await blob.arrayBuffer(), 'The recording', { consume: true })).buffer;
    } catch (err) {
      this.fail(err instanceof AudioInputError ? err.message : `The recording could not be read: ${String(err)}`);
      return null;
    }
  }

  private async land(outcome: IrOutcome, source: IrSource, name: string): Promise<boolean> {
    if (!outcome.ok) {
      this.fail(outcome.reason);
      return false;
    }
    this.result = resultOf(outcome, source, name);
    this.phase = 'idle';
    this.status = '';
    await saveValue(LAST_KEY, storable(this.result), 'the capture').catch((err: Error) => this.lab.notify('warning', err.message));
    return true;
  }
}
