/**
 * The level distribution of each buffer the compressor curve shows, read once per buffer on
 * the page in steps (levelHistogramInSteps). The curve asked again for every item whenever
 * any slot changed, each time a whole copy of every clip sent to the visual worker: an idle
 * worker kept them as garbage (45–54 MB after two 60 s slots, bench figure 10).
 */
import { levelHistogramInSteps, type LevelHistogram } from '../analysis/level-histogram';
import { channelViews } from '../audio/buffer-channels';

const known = new WeakMap<AudioBuffer, Promise<LevelHistogram>>();

export function levelHistogramOf(buffer: AudioBuffer): Promise<LevelHistogram> {
  let h = known.get(buffer);
  if (!h) {
    h = levelHistogramInSteps(channelViews(buffer), buffer.sampleRate);
    known.set(buffer, h);
  }
  return h;
}
