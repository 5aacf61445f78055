/**
 * How much of B is written from its start, in every channel: the workers deliver each
 * channel's blocks in order, but a channel split between two workers fills from two
 * places at once. Readers of a B still being rendered (its measurement) read below this.
 */
export class WrittenFrontier {
  /** Per channel: frames written from 0 on, and the runs written beyond a gap (start → end). */
  private readonly prefix: number[];
  private readonly ahead: Map<number, number>[];

  constructor(channels: number) {
    this.prefix = new Array<number>(channels).fill(0);
    this.ahead = Array.from({ length: channels }, () => new Map<number, number>());
  }

  /** Frames [position, position + frames) of `channel` are written; returns the frontier. */
  add(channel: number, position: number, frames: number): number {
    const runs = this.ahead[channel];
    // Runs that touch are joined: a span's blocks come in order.
    let end = position + frames;
    const next = runs.get(end);
    if (next !== undefined) {
      runs.delete(end);
      end = next;
    }
    const before = [...runs].find(([, e]) => e === position);
    if (before) runs.set(before[0], end);
    else runs.set(position, end);
    let p = this.prefix[channel];
    for (let e = runs.get(p); e !== undefined; e = runs.get(p)) {
      runs.delete(p);
      p = e;
    }
    this.prefix[channel] = p;
    return this.frames;
  }

  /** Frames written from the start in every channel. */
  get frames(): number {
    return Math.min(...this.prefix);
  }
}
