/**
 * What a screen reader hears of progress and results, through one polite live region
 * (MessageList draws it). Results are spoken one at a time, at least `gapMs` apart, in
 * order; progress ("Rendering B… 40 %") only when nothing else waits and none was said
 * for `progressGapMs`, so percentages cannot flood the reader. The words just said, again
 * within `repeatMs`, are dropped (a re-render with the same outcome says nothing new); a
 * newer state of the same thing (`key`: the zoom level) replaces one still waiting.
 */
export interface Spoken {
  id: number;
  text: string;
}

export interface AnnouncerTiming {
  gapMs: number;
  progressGapMs: number;
  repeatMs: number;
}

/** Fast enough for a result to follow the action that caused it, slow enough for a reader to finish a short sentence. */
const DEFAULT_TIMING: AnnouncerTiming = { gapMs: 1200, progressGapMs: 5000, repeatMs: 10_000 };
/** The region keeps the last few lines: new ones are additions (spoken), old ones are not read again. */
const KEPT = 3;

const one = (n: number) => n.toFixed(1);

export class Announcer {
  /** The lines in the live region, oldest first. */
  spoken = $state.raw<Spoken[]>([]);
  private readonly queue: { text: string; key?: string }[] = [];
  private lastAt = -Infinity;
  private lastText = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;

  constructor(
    private readonly timing: AnnouncerTiming = DEFAULT_TIMING,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The newest line, '' before any. */
  get latest(): string {
    return this.spoken.at(-1)?.text ?? '';
  }

  /** Say a result: queued behind others, never dropped unless it repeats the words said just now. */
  say(text: string, key?: string): void {
    if (this.queue.some((q) => q.text === text) || this.saidRecently(text)) return;
    const older = key === undefined ? -1 : this.queue.findIndex((q) => q.key === key);
    if (older >= 0) this.queue[older] = { text, key };
    else this.queue.push({ text, key });
    this.flush();
  }

  /** Say how far some work is, if nothing else is waiting and nothing was said for a while. */
  progress(text: string): void {
    if (this.queue.length || this.timer || this.now() - this.lastAt < this.timing.progressGapMs || this.saidRecently(text)) return;
    this.speak(text);
  }

  /** A processed slot's render landed. */
  rendered(label: string, seconds: number): void {
    this.say(`${label} rendered, ${one(seconds)} s`);
  }

  /** A slot's render progress, 0–1 (rate-limited). */
  rendering(label: string, fraction: number): void {
    this.progress(`Rendering ${label}… ${Math.floor(fraction * 100)} %`);
  }

  /** The measurements of these items are on screen. */
  measured(names: readonly string[]): void {
    this.say(names.length ? `Measurements of ${names.join(', ')} ready` : 'Analysis done');
  }

  /** Slot `label` was moved by `lagSeconds` to line up with `reference`. */
  aligned(label: string, reference: string, lagSeconds: number): void {
    this.say(`${label} aligned to ${reference}: lag ${one(lagSeconds * 1000)} ms`);
  }

  /** An ABX trial was answered: its outcome when the test shows feedback (null when it hides it). */
  abxTrial(trial: number, correct: boolean | null): void {
    this.say(correct === null ? `Trial ${trial} answered` : `Trial ${trial}: ${correct ? 'correct' : 'wrong'}`);
  }

  /** A rating-test trial's ratings were kept. */
  ratingSaved(trial: number, of: number): void {
    this.say(`Trial ${trial} of ${of} saved`);
  }

  /** A clip or space is being fetched and decoded. */
  loading(title: string): void {
    this.say(`Loading ${title}…`);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private saidRecently(text: string): boolean {
    return text === this.lastText && this.now() - this.lastAt < this.timing.repeatMs;
  }

  private flush(): void {
    if (this.timer || !this.queue.length) return;
    const wait = this.lastAt + this.timing.gapMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
      return;
    }
    this.speak(this.queue.shift()!.text);
    this.flush();
  }

  private speak(text: string): void {
    this.lastAt = this.now();
    this.lastText = text;
    this.spoken = [...this.spoken.slice(1 - KEPT), { id: this.nextId++, text }];
  }
}
