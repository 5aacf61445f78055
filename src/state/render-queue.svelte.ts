/**
 * When to re-render: a moment after the last change (a slider drag is many changes), or
 * at once; and only the newest request may land — an older, slower render must never
 * overwrite a newer one. `busy` stays true while a render is running or scheduled, so
 * the view says "Rendering…" until what it shows is current.
 */
import { RERENDER_DEBOUNCE_MS } from '../audio/constants';

/** A render job; `current()` tells whether it is still the newest request (check it before landing). */
export type RenderJob = (current: () => boolean) => Promise<void>;

export class RenderQueue {
  busy = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(
    private readonly job: RenderJob,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Render after a short pause; later calls push it back. */
  schedule(): void {
    this.busy = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(), RERENDER_DEBOUNCE_MS);
  }

  /** Render now (and drop a scheduled one). */
  async now(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const generation = ++this.generation;
    this.busy = true;
    try {
      await this.job(() => generation === this.generation);
    } catch (err) {
      this.onError(err);
    } finally {
      // A change made meanwhile has its render scheduled: the result is still not current.
      if (generation === this.generation && !this.timer) this.busy = false;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
