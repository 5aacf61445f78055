/**
 * What a render of B reads (the stage: the chain up to its reverb) and what it writes B
 * into, chosen together. B goes into a spare buffer of its size when there is one
 * (render-target.ts). Without one, a short stereo clip's stage is rendered B-long and B
 * is written over it: on this machine fresh memory costs more than the work done on it
 * (~3.6 ms of CPU a MB on first touch), and a clip's first render otherwise touched two
 * new buffers — the stage's and B's. Writing over the stage is safe when each output
 * channel is one task that reads only its own input channel: a task reads frame n of the
 * stage (frame n + lead of the render) before it writes frame n of B, and no other task
 * reads that channel.
 */
import { bypassStage, leadFrames } from '../audio/render';
import type { ChainSettings } from '../audio/settings';
import { newTarget, spareTarget } from './render-target';
import { renderCompressorStage, ONE_SHOT_FRAMES } from './rendered-stage';
import { stageInMemory, stageWhenMade, type StageInput } from './stage-input';
import { streamCompressorStage } from './streamed-stage';
import type { TaskPlan } from './task-plan';

export interface StageAndTarget {
  stage: StageInput;
  target: AudioBuffer | Promise<AudioBuffer>;
}

/** The stage (handed to the workers at once: they set up while it is made) and B's buffer, `length` frames. */
export function stageAndTarget(
  clip: AudioBuffer,
  settings: ChainSettings,
  compensationDb: number,
  plan: TaskPlan,
  length: number,
  signal?: AbortSignal,
): StageAndTarget {
  const rate = clip.sampleRate;
  const inputCount = Math.min(2, clip.numberOfChannels);
  const spare = spareTarget(length, rate);
  if (!spare && writableOverStage(clip, settings, plan, length)) {
    const making = renderCompressorStage(clip, settings, compensationDb, signal, length);
    const target = making.then((s) => s.rendered);
    target.catch(() => {}); // a failed stage fails the render through the stage's readers
    return { stage: stageWhenMade(making, inputCount, clip.length), target };
  }
  const stage = stageWhenMade(makeStage(clip, settings, compensationDb, signal), inputCount, clip.length);
  return { stage, target: spare ?? newTarget(length, rate) };
}

/** Whether B can be the stage's own render: a stereo clip rendered in one go, each output channel one task on its own input channel. */
function writableOverStage(clip: AudioBuffer, settings: ChainSettings, plan: TaskPlan, length: number): boolean {
  return (
    settings.compressor.enabled &&
    clip.numberOfChannels === 2 &&
    clip.length <= ONE_SHOT_FRAMES &&
    length >= clip.length + leadFrames(settings, clip.sampleRate) &&
    plan.outputs === 2 &&
    plan.tasks.length === 2 &&
    plan.tasks.every(({ channel, task }) => task.paths.every((p) => p.input === channel) && (!task.dry || task.dry.input === channel))
  );
}

/** The chain up to its reverb, aligned like B: the clip itself when that is an exact delay, else the browser's render of it. */
function makeStage(clip: AudioBuffer, settings: ChainSettings, compensationDb: number, signal?: AbortSignal): Promise<StageInput> {
  if (clip.numberOfChannels > 2) return streamCompressorStage(clip, settings, compensationDb, signal);
  if (!settings.compressor.enabled) return bypassStage(clip, { signal }).then(stageInMemory);
  return clip.length <= ONE_SHOT_FRAMES
    ? renderCompressorStage(clip, settings, compensationDb, signal)
    : streamCompressorStage(clip, settings, compensationDb, signal);
}
