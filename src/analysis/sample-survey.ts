/**
 * One pass over a clip's samples for what makes it unusable or worth a word: NaN or
 * infinity, silence (true zeros, or a level no converter produces), a file that is
 * nothing but a DC offset, and a floating-point file that goes above full scale.
 */
import { inSteps } from './in-steps';
import { eachRange, type ClipAudio } from '../audio/coded-audio';
import { toDb, type Channels } from './levels';

/**
 * Quieter than this is silence: the smallest step of a 24-bit file is −144 dBFS, and a
 * signal far below it (a float file at −600 dBFS) is nothing anyone can hear — only
 * denormal numbers that slow every filter after them to a crawl.
 */
export const SILENCE_DBFS = -150;

export interface SampleSurvey {
  finite: boolean;
  /** The peak, when it is below SILENCE_DBFS (0 for true zeros); undefined for audible audio. */
  silentPeak?: number;
  /** The peak, when it is above full scale. */
  overPeak?: number;
  /** The offset, when the clip is nothing but one (every channel constant to within 0.1 %). */
  dcOffset?: number;
}

/** A clip's channels a range at a time, in order; `visit` returns true to stop early. */
type Ranges = (visit: (channels: Channels) => boolean) => Promise<void>;

const whole =
  (channels: Channels): Ranges =>
  (visit) => {
    visit(channels);
    return Promise.resolve();
  };

/** A clip a range at a time (one kept in its file is read from it again for each scan that needs it). */
const inRanges =
  (audio: ClipAudio): Ranges =>
  (visit) =>
    eachRange(audio, (channels) => visit(channels));

const anyIn = async (ranges: Ranges, found: (channels: Channels) => boolean) => {
  let any = false;
  await ranges((channels) => (any = found(channels)));
  return any;
};

const peakOf = async (ranges: Ranges) => {
  let peak = 0;
  await ranges((channels) => ((peak = channels.reduce((p, x) => x.reduce((q, v) => Math.max(q, Math.abs(v)), p), peak)), false));
  return peak;
};

/** The running part of the survey's one full pass: the sum per channel, and whether any sample went over full scale. */
interface Pass {
  sums: number[];
  over: boolean;
}

/** Add samples [start, end) of every channel to the pass: a plain sum and a never-taken branch, as cheap as reading them. */
function passOver(channels: Channels, pass: Pass, start: number, end: number): void {
  channels.forEach((x, c) => {
    let s = 0;
    let over = false;
    const stop = Math.min(end, x.length);
    for (let i = start; i < stop; i++) {
      const v = x[i];
      s += v;
      if (v > 1 || v < -1) over = true;
    }
    pass.sums[c] += s;
    pass.over ||= over;
  });
}

/**
 * One full pass (a sum, whose result is non-finite exactly when a sample is NaN or
 * ±infinity, and a never-taken branch for samples over full scale) — as cheap as reading
 * the samples, which matters on a 10-minute clip (bench figure 4). What is rare is then
 * looked at closely: a silent or hot clip's exact peak, a constant clip's offset; the
 * scans for sound and for change stop at the first sample that shows them.
 */
export function surveySamples(channels: Channels): Promise<SampleSurvey> {
  const pass: Pass = { sums: channels.map(() => 0), over: false };
  passOver(channels, pass, 0, lengthOf(channels));
  return concludeWhole(channels, pass);
}

/** surveySamples in steps, a new task between them: a film reel's survey never holds the page up for long. */
export async function surveySamplesInSteps(channels: Channels): Promise<SampleSurvey> {
  const pass: Pass = { sums: channels.map(() => 0), over: false };
  await inSteps(lengthOf(channels), (start, end) => passOver(channels, pass, start, end), { channels: channels.length });
  return concludeWhole(channels, pass);
}

/**
 * surveySamplesInSteps of a clip read a range at a time (one kept in its file is never whole
 * in Float32); `onProgress` gets the fraction of the full pass done, `alsoRead` every range
 * (another use of the same read).
 */
export async function surveyClipInSteps(
  audio: ClipAudio,
  onProgress?: (fraction: number) => void,
  alsoRead?: (channels: Float32Array[], from: number) => void,
): Promise<SampleSurvey> {
  const pass: Pass = { sums: new Array<number>(audio.numberOfChannels).fill(0), over: false };
  const firsts = new Array<number>(audio.numberOfChannels).fill(0);
  await eachRange(audio, (channels, from, to) => {
    if (from === 0) channels.forEach((x, c) => (firsts[c] = x[0] ?? 0));
    passOver(channels, pass, 0, to - from);
    alsoRead?.(channels, from);
    onProgress?.(to / audio.length);
  });
  return conclude(inRanges(audio), firsts, audio.length, pass);
}

const lengthOf = (channels: Channels) => Math.max(0, ...channels.map((x) => x.length));

const concludeWhole = (channels: Channels, pass: Pass) =>
  conclude(
    whole(channels),
    channels.map((x) => x[0] ?? 0),
    lengthOf(channels),
    pass,
  );

async function conclude(ranges: Ranges, firsts: number[], length: number, { sums, over }: Pass): Promise<SampleSurvey> {
  if (!Number.isFinite(sums.reduce((a, b) => a + b, 0))) return { finite: false };
  const means = sums.map((s) => (length ? s / length : 0));
  const quiet = 10 ** (SILENCE_DBFS / 20);
  const audible = await anyIn(ranges, (channels) => channels.some((x) => x.some((v) => v > quiet || v < -quiet)));
  // Constant: no sample strays from the first by more than 0.1 % of it (or one 24-bit step).
  const tolerances = firsts.map((f) => Math.max(Math.abs(f) * 1e-3, 2 ** -23));
  const constant = !(await anyIn(ranges, (channels) => channels.some((x, c) => x.some((v) => Math.abs(v - firsts[c]) > tolerances[c]))));
  return {
    finite: true,
    ...(audible ? {} : { silentPeak: await peakOf(ranges) }),
    ...(over ? { overPeak: await peakOf(ranges) } : {}),
    ...(audible && constant ? { dcOffset: Math.max(...means.map(Math.abs)) } : {}),
  };
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
  if (s.silentPeak === 0) return { error: `“${name}” is completely silent.`, notes: [] };
  if (s.silentPeak !== undefined) {
    return {
      error: `“${name}” is silent: its loudest sample is at ${dbfs(s.silentPeak, 0)}, far below anything audible (a 24-bit file's smallest step is −144 dBFS).`,
      notes: [],
    };
  }
  const notes: string[] = [];
  if (s.dcOffset !== undefined) {
    notes.push(
      `“${name}” holds only a constant DC offset (${dbfs(s.dcOffset)}), no sound: you will hear at most a click where it starts and stops, and its loudness cannot be measured.`,
    );
  }
  if (s.overPeak !== undefined) {
    notes.push(
      `“${name}” goes above full scale: it peaks at ${dbfs(s.overPeak)} (a floating-point file can). It is measured as it is; playback goes through the lab's limiter at −1 dBFS, so its loudest parts are held down.`,
    );
  }
  return { notes };
}
