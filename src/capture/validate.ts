/**
 * Checks on any candidate impulse response (captured, loaded from a file, generated)
 * before it goes into the convolution reverb. Each problem carries a message the UI can
 * show as it is; errors make the IR unusable, warnings can be accepted or fixed.
 */
import { samplePeak, toDb, type Channels } from '../analysis/levels';
import { irChannelPlan } from './ir-channels';

/** The longest IR the lab convolves without asking (a 20 s tail is already a cathedral). */
export const MAX_IR_SECONDS = 20;
/** Peak below this counts as silence, dBFS (the 24-bit noise floor is about −144). */
export const SILENT_PEAK_DB = -100;

export type IrProblemCode =
  | 'empty'
  | 'no-channels'
  | 'bad-sample-rate'
  | 'non-finite'
  | 'silent'
  | 'too-long'
  | 'too-short'
  | 'clipped'
  | 'dc-offset'
  | 'channel-count';

export interface IrProblem {
  code: IrProblemCode;
  severity: 'error' | 'warning';
  message: string;
  /** An automatic fix the UI may offer: trim to `MAX_IR_SECONDS`. */
  offer?: 'trim';
}

export interface IrValidation {
  ok: boolean; // no errors (warnings allowed)
  problems: IrProblem[];
}

function countNonFinite(channels: Channels): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (const ch of channels) {
    for (let i = 0; i < ch.length; i++) {
      if (!Number.isFinite(ch[i])) {
        count++;
        if (first < 0 || i < first) first = i;
      }
    }
  }
  return { count, first };
}

/** Longest run of samples at or above 0.999 full scale in any channel. */
function longestFullScaleRun(channels: Channels): number {
  let longest = 0;
  for (const ch of channels) {
    let run = 0;
    for (let i = 0; i < ch.length; i++) {
      run = Math.abs(ch[i]) >= 0.999 ? run + 1 : 0;
      if (run > longest) longest = run;
    }
  }
  return longest;
}

/** Mean over all samples relative to the peak (a DC offset makes the reverb thump). */
function dcRatio(channels: Channels, peak: number): number {
  let worst = 0;
  for (const ch of channels) {
    let sum = 0;
    for (let i = 0; i < ch.length; i++) sum += ch[i];
    worst = Math.max(worst, Math.abs(sum / Math.max(1, ch.length)));
  }
  return peak > 0 ? worst / peak : 0;
}

export function validateImpulseResponse(channels: Channels, sampleRate: number): IrValidation {
  const problems: IrProblem[] = [];
  const error = (code: IrProblemCode, message: string) => problems.push({ code, severity: 'error', message });
  const warn = (code: IrProblemCode, message: string, offer?: 'trim') =>
    problems.push({ code, severity: 'warning', message, ...(offer ? { offer } : {}) });
  const done = (): IrValidation => ({ ok: !problems.some((p) => p.severity === 'error'), problems });

  if (channels.length === 0) {
    error('no-channels', 'The impulse response has no audio channels.');
    return done();
  }
  if (!(Number.isFinite(sampleRate) && sampleRate >= 3000 && sampleRate <= 768_000)) {
    error('bad-sample-rate', `The impulse response's sample rate (${sampleRate} Hz) is not one audio can use.`);
    return done(); // durations are meaningless without it
  }
  const length = Math.max(...channels.map((c) => c.length));
  if (length === 0) {
    error('empty', 'The impulse response is empty (0 samples).');
    return done();
  }
  const nonFinite = countNonFinite(channels);
  if (nonFinite.count > 0) {
    error(
      'non-finite',
      `The impulse response contains ${nonFinite.count} invalid samples (NaN or infinity), the first at ${(nonFinite.first / sampleRate).toFixed(3)} s; the file is damaged.`,
    );
    return done(); // level checks are meaningless on such data
  }
  const peak = samplePeak(channels);
  if (peak === 0) {
    error('silent', 'The impulse response is all zeros: it would silence the reverb.');
    return done();
  }
  if (toDb(peak) < SILENT_PEAK_DB) {
    error('silent', `The impulse response is silent (peak ${toDb(peak).toFixed(0)} dBFS).`);
    return done();
  }
  const seconds = length / sampleRate;
  if (seconds > MAX_IR_SECONDS) {
    warn(
      'too-long',
      `The impulse response is ${seconds.toFixed(1)} s long; more than ${MAX_IR_SECONDS} s is slow to convolve and rarely real. Trim it to ${MAX_IR_SECONDS} s?`,
      'trim',
    );
  }
  if (seconds < 0.01) {
    warn('too-short', `The impulse response is only ${(seconds * 1000).toFixed(1)} ms long: it adds almost no reverb.`);
  }
  if (longestFullScaleRun(channels) >= 3) {
    warn('clipped', 'The impulse response is clipped (samples stuck at full scale): it was recorded too loud.');
  }
  // Over a very short response the mean is the impulse itself, not an offset.
  if (seconds >= 0.1 && dcRatio(channels, peak) > 0.01) {
    warn('dc-offset', 'The impulse response has a DC offset: the reverb will thump. Record it again or high-pass it.');
  }
  // decodeAudio performs this plan for IRs (convolverChannels); the warning says what it does.
  const plan = irChannelPlan(channels.length);
  if (plan) warn('channel-count', `The impulse response: ${plan}.`);
  return done();
}
