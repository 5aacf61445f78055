/**
 * Sample peaks of the buffers the slots play, read once per buffer. A long buffer is read
 * in steps, a new task between them (a film reel is 115 M samples: 100–300 ms in one piece),
 * and reads as −∞ until its peak lands; whatever derived from it then reads it again.
 */
import { channelViews } from '../audio/buffer-channels';
import { knownPeaks } from '../audio/clip-peaks';
import { CodedAudio, eachRange, type ClipAudio } from '../audio/coded-audio';
import { STEP_SAMPLES } from '../analysis/in-steps';
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
    // A clip's peaks (its views', or its import's survey's) hold its samples' extremes: their peak is the clip's, no pass over it.
    const peaks = knownPeaks(b)?.peaks ?? (!(b instanceof CodedAudio) && b.length * b.numberOfChannels <= STEP_SAMPLES && channelViews(b));
    if (peaks) {
      const p = toDb(samplePeak(peaks));
      this.known.set(b, p);
      return p;
    }
    if (!this.reading.has(b)) {
      this.reading.add(b);
      let peak = 0;
      // A file that can no longer be read leaves the peak unknown (−∞); its slot says why where it plays.
      void eachRange(b, (channels) => void (peak = Math.max(peak, samplePeak(channels))))
        .then(() => {
          this.known.set(b, toDb(peak));
          this.landed++;
        })
        .catch(() => {});
    }
    return -Infinity;
  }
}
