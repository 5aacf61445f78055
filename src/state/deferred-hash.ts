/**
 * A kept file's SHA-256, taken when something needs it (a file of the same size is added:
 * it may be a duplicate) or once the lab is quiet, whichever comes first. Hashing a long
 * file is a core's worth of work for a while (106 s of stereo WAV: ~0.3 s); taken at
 * once, it shared the machine's two cores with the new clip's render and measurements and
 * made the user wait ~0.3 s longer for them.
 */
export class DeferredHash {
  private taken: Promise<string> | null = null;
  private settle: { resolve: (hash: string) => void; reject: (err: unknown) => void } | null = null;
  /** The hash once taken, without asking for it: settles only after value() or the lab going quiet. */
  readonly whenTaken = new Promise<string>((resolve, reject) => (this.settle = { resolve, reject }));

  /** `hash`: takes the hash when called; `quiet`: settles when the lab has nothing more urgent to do. */
  constructor(
    private readonly hash: () => Promise<string>,
    quiet: Promise<void>,
  ) {
    this.whenTaken.catch(() => {}); // awaited where needed
    void quiet.then(() => this.value().catch(() => {}));
  }

  /** The hash, taken now if it was not yet. */
  value(): Promise<string> {
    if (!this.taken) {
      this.taken = this.hash();
      const settle = this.settle;
      this.taken.then(
        (hash) => settle?.resolve(hash),
        (err: unknown) => settle?.reject(err),
      );
    }
    return this.taken;
  }
}

/**
 * Settles once `busy()` has read false at two polls in a row (a new clip's render starts a
 * moment after it is decoded), or after `maxMs` whatever it says.
 */
export function whenQuiet(busy: () => boolean, { firstMs = 500, pollMs = 250, maxMs = 15_000 } = {}): Promise<void> {
  return new Promise((resolve) => {
    const end = Date.now() + maxMs;
    let quietPolls = 0;
    const poll = () => {
      quietPolls = busy() ? 0 : quietPolls + 1;
      if (quietPolls >= 2 || Date.now() >= end) resolve();
      else setTimeout(poll, pollMs);
    };
    setTimeout(poll, firstMs);
  });
}
