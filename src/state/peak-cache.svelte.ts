/**
 * Sample peaks of the buffers the slots play, read once per buffer. A long buffer is read
 * in steps, a new task between them (a film reel is 115 M samples: 100–300 ms in one piece),
 * and reads as −∞ until its peak lands; whatever derived from it then reads it again.
 */
import { CodedAudio, rangeOf, rangeScratch, stepSamplesOf, type ClipAudio } from '../audio/coded-audio';
import { inSteps, STEP_SAMPLES } from '../analysis/in-steps';
import { samplePeak, toDb } from '../analysis/levels';

export class PeakCache {
  private readonly known = new WeakMap<ClipAudio, number>();
  private readonly reading = new WeakSet<ClipAudio>();
  /** Counts the peaks read in steps that landed: reading it subscribes to them. */
  private landed = $state(0);

  /** A peak known from elsewhere (a render brings its own), dBFS. */
  set(b: ClipAudio, db: number): void {
    this.known.set(b, db);
  }

  /** The sample peak of `b`, dBFS; −∞ while a long buffer is still being read. */
  db(b: ClipAudio): number {
    void this.landed;
    const known = this.known.get(b);
    if (known !== undefined) return known;
    const count = b.numberOfChannels;
    if (!(b instanceof CodedAudio) && b.length * count <= STEP_SAMPLES) {
      const p = toDb(samplePeak(rangeOf(b, 0, b.length, [])));
      this.known.set(b, p);
      return p;
    }
    if (!this.reading.has(b)) {
      this.reading.add(b);
      let peak = 0;
      const stepSamples = stepSamplesOf(b);
      const scratch = rangeScratch(b, Math.ceil(stepSamples / count));
      void inSteps(b.length, (start, end) => (peak = Math.max(peak, samplePeak(rangeOf(b, start, end, scratch)))), {
        channels: count,
        stepSamples,
      }).then(() => {
        this.known.set(b, toDb(peak));
        this.landed++;
      });
    }
    return -Infinity;
  }
}
