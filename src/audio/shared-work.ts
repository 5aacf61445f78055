/**
 * Work on one clip (its peaks, its whole copy) shared by every caller that asks while it
 * runs: each gets the same promise, a caller leaves when its signal aborts, and the last to
 * leave stops the work (a caller asking after that starts it anew). A long clip's passes are
 * reads of its whole file: two views, or a render and the null test, must not each read it.
 */
export class SharedWork<K extends object, T> {
  private readonly running = new WeakMap<K, { result: Promise<T>; users: number; stop: AbortController }>();

  /** `start(key, signal)`: the work, stopped once `signal` is aborted. */
  constructor(private readonly start: (key: K, signal: AbortSignal) => Promise<T>) {}

  join(key: K, signal?: AbortSignal): Promise<T> {
    let entry = this.running.get(key);
    if (!entry) {
      const stop = new AbortController();
      const made = { result: this.start(key, stop.signal), users: 0, stop };
      void made.result.finally(() => this.running.get(key) === made && this.running.delete(key)).catch(() => {});
      this.running.set(key, (entry = made));
    }
    const e = entry;
    const leave = () => {
      // Work already done (no longer running) is not stopped.
      if (--e.users > 0 || this.running.get(key) !== e) return;
      e.stop.abort();
      this.running.delete(key);
    };
    e.users++;
    if (signal?.aborted) leave();
    else signal?.addEventListener('abort', leave, { once: true });
    return e.result;
  }
}
