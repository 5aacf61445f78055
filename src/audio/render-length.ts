/**
 * How long a slot's render is, in one place without Tone.js: the renders themselves, the
 * live voice's end and the timeline (a slot still rendering ends where its render will)
 * all read it here.
 */

/** Seconds after the clip that B needs: the IR length (its tail), or nothing without reverb. */
export function tailSeconds(ir: AudioBuffer | null): number {
  return ir ? ir.duration : 0;
}

/** Frames of the render of `clip` through `ir` (null: no reverb): the clip and the IR's tail. */
export function renderedLength(clip: { length: number; sampleRate: number }, ir: AudioBuffer | null): number {
  return clip.length + Math.round(tailSeconds(ir) * clip.sampleRate);
}
