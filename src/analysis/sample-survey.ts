/**
 * One pass over a clip's samples for what makes it unusable or worth a word: NaN or
 * infinity, silence (true zeros, or a level no converter produces), a file that is
 * nothing but a DC offset, and a floating-point file that goes above full scale.
 */
import { toDb, type Channels } from './levels';

/**
 * Quieter than this is silence: the smallest step of a 24-bit file is −144 dBFS, and a
 * signal far below it (a float file at −600 dBFS) is nothing anyone can hear — only
 * denormal numbers that slow every filter after them to a crawl.
 */
export const SILENCE_DBFS = -150;

export interface SampleSurvey {
  finite: boolean;
  /** Largest |sample|, over all channels. */
  peak: number;
  /** Per channel: mean, and half the span from lowest to highest sample. */
  means: number[];
  halfSpans: number[];
}

export function surveySamples(channels: Channels): SampleSurvey {
  let sum = 0;
  let peak = 0;
  const means: number[] = [];
  const halfSpans: number[] = [];
  for (const x of channels) {
    let s = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      s += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    // A plain sum in doubles cannot overflow on float32 samples, so it ends non-finite
    // exactly when one sample is NaN or ±infinity.
    sum += s;
    means.push(x.length ? s / x.length : 0);
    halfSpans.push(x.length ? (hi - lo) / 2 : 0);
    if (x.length) peak = Math.max(peak, Math.abs(lo), Math.abs(hi));
  }
  return { finite: Number.isFinite(sum), peak, means, halfSpans };
}

export interface SurveyVerdict {
  /** Why the clip cannot be used. */
  error?: string;
  notes: string[];
}

/** A level with a real minus sign, and a plus above full scale. */
const dbfs = (v: number, digits = 1) => `${v > 1 ? '+' : ''}${toDb(v).toFixed(digits)} dBFS`.replace('-', '−');

/** What to tell the user about `name`'s samples. */
export function judgeSamples(s: SampleSurvey, name: string): SurveyVerdict {
  if (!s.finite) return { error: `“${name}” contains invalid samples (NaN or infinity).`, notes: [] };
  if (s.peak === 0) return { error: `“${name}” is completely silent.`, notes: [] };
  if (toDb(s.peak) < SILENCE_DBFS) {
    return {
      error: `“${name}” is silent: its loudest sample is at ${dbfs(s.peak, 0)}, far below anything audible (a 24-bit file's smallest step is −144 dBFS).`,
      notes: [],
    };
  }
  const notes: string[] = [];
  // Nothing but an offset: the samples vary by less than 0.1 % of it (or one 24-bit step).
  const dcOnly = s.means.every((m, c) => s.halfSpans[c] <= Math.max(Math.abs(m) * 1e-3, 2 ** -23));
  if (dcOnly) {
    const offset = Math.max(...s.means.map(Math.abs));
    notes.push(
      `“${name}” holds only a constant DC offset (${dbfs(offset)}), no sound: you will hear at most a click where it starts and stops, and its loudness cannot be measured.`,
    );
  }
  if (s.peak > 1) {
    notes.push(
      `“${name}” goes above full scale: it peaks at ${dbfs(s.peak)} (a floating-point file can). It is measured as it is; playback goes through the lab's limiter at −1 dBFS, so its loudest parts are held down.`,
    );
  }
  return { notes };
}
