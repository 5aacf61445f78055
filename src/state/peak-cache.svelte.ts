/**
 * Sample peaks of the buffers the slots play, read once per buffer. A long buffer is read
 * in steps, a new task between them (a film reel is 115 M samples: 100–300 ms in one piece),
 * and reads as −∞ until its peak lands; whatever derived from it then reads it again.
 */
import { channelViews } from '../audio/buffer-channels';
import { inSteps, STEP_SAMPLES } from '../analysis/in-steps';
import { samplePeak, toDb } from '../analysis/levels';

export class PeakCache {
  private readonly known = new WeakMap<AudioBuffer, number>();
  private readonly reading = new WeakSet<AudioBuffer>();
  /** Counts the peaks read in steps that landed: reading it subscribes to them. */
  private landed = $state(0);

  /** A peak known from elsewhere (a render brings its own), dBFS. */
  set(b: AudioBuffer, db: number): void {
    this.known.set(b, db);
  }

  /** The sample peak of `b`, dBFS; −∞ while a long buffer is still being read. */
  db(b: AudioBuffer): number {
    void this.landed;
    const known = this.known.get(b);
    if (known !== undefined) return known;
    const channels = channelViews(b);
    if (b.length * channels.length <= STEP_SAMPLES) {
      const p = toDb(samplePeak(channels));
      this.known.set(b, p);
      return p;
    }
    if (!this.reading.has(b)) {
      this.reading.add(b);
      let peak = 0;
      void inSteps(b.length, (start, end) => (peak = Math.max(peak, samplePeak(channels, start, end))), {
        channels: channels.length,
      }).then(() => {
        this.known.set(b, toDb(peak));
        this.landed++;
      });
    }
    return -Infinity;
  }
}
