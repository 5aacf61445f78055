/**
 * What the render workers are fed: the chain up to its reverb, aligned like B, one or two
 * channels, clip-long — either already in memory (the clip itself when the compressor is
 * off) or arriving as the browser renders the compressor (streamed-stage.ts).
 */
import { readStage, type Stage } from '../audio/render';

export interface StageInput {
  readonly channelCount: number;
  readonly length: number;
  /** Copy channel `c`'s frames [from, to) into `into`; returns how many (fewer past the end). Only frames whenReadable has let through. */
  read(c: number, from: number, to: number, into: Float32Array): number;
  /** null when the frames before `frame` (all of them, past the end) can be read now; else a promise of when (rejected if the stage fails). */
  whenReadable(frame: number): Promise<void> | null;
  /** Frames held in copies that a reader may still ask for (0 for views on the clip). */
  readonly heldFrames: number;
  /** No reader will ask for frames before `frame` again: they may be dropped. */
  release(frame: number): void;
  /** Drop everything; readers waiting are told the render was cancelled. */
  dispose(): void;
}

/** A stage already in memory (views on the clip, and the browser's render of its tail). */
export function stageInMemory(stage: Stage): StageInput {
  return {
    channelCount: stage.channels.length,
    length: stage.channels[0].length,
    read: (c, from, to, into) => readStage(stage, c, from, to, into),
    heldFrames: 0,
    whenReadable: () => null,
    release: () => {},
    dispose: () => {},
  };
}

/**
 * A stage still being made (the compressor's render): readers wait until it is there, so
 * the workers can set up their convolutions meanwhile. Disposed before it arrives, it is
 * dropped on arrival.
 */
export function stageWhenMade(making: Promise<StageInput>, channelCount: number, length: number): StageInput {
  let stage: StageInput | null = null;
  let disposed = false;
  const made = making.then((s) => {
    if (disposed) s.dispose();
    else stage = s;
    return s;
  });
  made.catch(() => {}); // readers waiting get the failure through whenReadable
  return {
    channelCount,
    length,
    read: (c, from, to, into) => {
      if (!stage) throw new Error('stage frames were read before the stage was made');
      return stage.read(c, from, to, into);
    },
    whenReadable: (frame) => (stage ? stage.whenReadable(frame) : made.then((s) => s.whenReadable(frame) ?? undefined)),
    get heldFrames() {
      return stage?.heldFrames ?? 0;
    },
    release: (frame) => stage?.release(frame),
    dispose: () => {
      disposed = true;
      stage?.dispose();
    },
  };
}
