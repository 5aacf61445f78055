/**
 * When to re-render: a moment after the last change (a slider drag is many changes), or
 * at once; and only the newest request may land — an older, slower render must never
 * overwrite a newer one, and it is cancelled (its signal aborted) as soon as a newer
 * request is made or the slot goes away. `busy` stays true from a request until a render
 * of it lands, so what the view shows is marked out of date until it is current — also
 * when that render failed: the previous result is then still shown, and still old.
 */
import { RERENDER_DEBOUNCE_MS } from '../audio/constants';

/**
 * Least time between two progress figures shown, ms. A render reports every block it
 * finishes (a 106 s clip: ~150 a second); each new percentage on screen costs a layout
 * and a paint of the page, which took ~20 % of the page's thread during a render.
 */
export const PROGRESS_INTERVAL_MS = 200;

/** What a render job is handed. */
export interface RenderRun {
  /** Still the newest request: land the result only then. */
  current(): boolean;
  /** Aborted once a newer request is made or the queue is disposed: stop and reject with an AbortError. */
  readonly signal: AbortSignal;
  /** Report the fraction done, 0–1. */
  progress(fraction: number): void;
}

/** A render job; resolves when its result has landed (or there was nothing to render), rejects when it could not render. */
export type RenderJob = (run: RenderRun) => Promise<void>;

export class RenderQueue {
  /** What is shown is not the render of the newest request: one is running or scheduled, or the newest failed. */
  busy = $state(false);
  /** Fraction of the running render done, 0–1; null while none runs. */
  progress = $state<number | null>(null);
  /** The newest request's render failed: the result shown belongs to older settings. */
  failed = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private running: AbortController | null = null;

  /** When the progress shown was last changed. */
  private shownAt = -Infinity;

  constructor(
    private readonly job: RenderJob,
    private readonly onError: (err: unknown) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The words for a view while `busy`: "Rendering… 42 %", or why what is shown is old. */
  get status(): string {
    if (this.failed && !this.running && !this.timer) return 'Not rendered: previous settings shown';
    return this.progress === null ? 'Rendering…' : `Rendering… ${Math.floor(this.progress * 100)} %`;
  }

  /** Render after a short pause; later calls push it back. A render already running is cancelled. */
  schedule(): void {
    this.cancelRunning();
    this.busy = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(), RERENDER_DEBOUNCE_MS);
  }

  /** Render now (and drop a scheduled one, and cancel one running). */
  async now(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.cancelRunning();
    const generation = ++this.generation;
    const controller = new AbortController();
    this.running = controller;
    this.busy = true;
    this.progress = null;
    const current = () => generation === this.generation && !controller.signal.aborted;
    const run: RenderRun = {
      current,
      signal: controller.signal,
      progress: (fraction) => {
        if (!current()) return;
        // The first figure and the last are shown at once; those between, a few times a second.
        const now = this.clock();
        if (this.progress !== null && fraction < 1 && now - this.shownAt < PROGRESS_INTERVAL_MS) return;
        this.shownAt = now;
        this.progress = fraction;
      },
    };
    try {
      await this.job(run);
      if (current()) this.failed = false;
    } catch (err) {
      // A cancelled render is expected: a newer request (or none, after dispose) follows.
      if (!current()) return;
      this.failed = true;
      this.onError(err);
    } finally {
      if (generation === this.generation) {
        this.running = null;
        this.progress = null;
        // A change made meanwhile has its render scheduled: the result is still not current.
        if (!this.timer && !this.failed && !controller.signal.aborted) this.busy = false;
      }
    }
  }

  /** Stop: nothing scheduled, the running render cancelled, nothing lands any more. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.generation++;
    this.cancelRunning();
  }

  private cancelRunning(): void {
    this.running?.abort();
    this.running = null;
    this.progress = null;
  }
}
