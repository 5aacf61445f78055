/**
 * The compressor part of the chain rendered by the browser in one go, for clips short
 * enough to hold whole (ONE_SHOT_FRAMES): the very Tone.js nodes the live chain uses,
 * rendered into the OfflineAudioContext's own destination. Streaming it through an
 * AudioWorklet tap (streamed-stage.ts, for film-length clips) lets the workers start
 * early, but costs a JavaScript call on the audio thread every 128 frames: on a 10 s stereo
 * clip the tap made the compressor's render about twice as long as the render alone.
 */
import { channelViews } from '../audio/buffer-channels';
import { buildOfflineChain, renderChain, upToReverb } from '../audio/render';
import type { ChainSettings } from '../audio/settings';
import { stageInMemory, type StageInput } from './stage-input';

/** Clips up to this many frames (43.7 s at 48 kHz, 16 MB of stereo) have their compressor stage rendered whole. */
export const ONE_SHOT_FRAMES = 2 ** 21;

/** Render the chain up to its reverb for a mono or stereo clip; frame n of the stage is what frame n of the clip became. */
export async function renderCompressorStage(
  clip: AudioBuffer,
  settings: ChainSettings,
  compensationDb: number,
  signal?: AbortSignal,
): Promise<StageInput> {
  if (clip.numberOfChannels > 2) throw new Error('renderCompressorStage takes a mono or stereo clip');
  const graph = buildOfflineChain(clip, null, upToReverb(settings), compensationDb, clip.numberOfChannels, clip.length);
  const { raw, skip } = await renderChain(graph, { signal });
  return stageInMemory({ channels: channelViews(raw).map((c) => c.subarray(skip, skip + clip.length)), tail: null });
}
