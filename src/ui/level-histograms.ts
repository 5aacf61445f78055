/**
 * The level distribution of each buffer the compressor curve shows, read once per buffer on
 * the page in steps (levelHistogramInSteps). The curve asked again for every item whenever
 * any slot changed, each time a whole copy of every clip sent to the visual worker: an idle
 * worker kept them as garbage (45–54 MB after two 60 s slots, bench figure 10).
 */
import { levelHistogramInSteps, type LevelHistogram } from '../analysis/level-histogram';
import { wholeChannelsInSteps, type ClipAudio } from '../audio/coded-audio';

const known = new WeakMap<ClipAudio, Promise<LevelHistogram>>();

/** A clip read from its file is made whole in Float32 for the reading only. */
export function levelHistogramOf(buffer: ClipAudio): Promise<LevelHistogram> {
  let h = known.get(buffer);
  if (!h) {
    h = wholeChannelsInSteps(buffer).then((channels) => levelHistogramInSteps(channels, buffer.sampleRate));
    known.set(buffer, h);
  }
  return h;
}
