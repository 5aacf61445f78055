/**
 * B's buffers. A render writes every frame of both channels of B, so a buffer its owner
 * no longer needs — the B a re-render replaces after a slider move — can be written again
 * instead of a new one: on this machine the first write to each page of fresh memory
 * costs more than the copy itself (35 ms for 14 s of stereo, 240 ms for 2 minutes,
 * measured in Chromium 156), as much CPU as the FFT convolution of the whole clip.
 * Only buffers up to SPARE_FRAMES are kept, so a spare never holds a film reel's memory.
 * With no spare, a short B may be written over the compressor stage's own render
 * (render-processed.ts): fresh memory touched once, by the browser's offline renderer.
 */

/** Longest buffer kept for reuse: 2^21 frames (43.7 s at 48 kHz, 16 MB of stereo). */
const SPARE_FRAMES = 2 ** 21;
/**
 * From this length on (21.8 s at 48 kHz, 8 MB of stereo) a new B is the browser's offline
 * render of silence: its pages are then touched on the offline render's thread, in
 * parallel, and not on the page's, which relays the render and was its bottleneck (a
 * 106 s B: ~200 ms of page faults on the page against ~3 ms of copying into a touched buffer).
 */
const BLANK_RENDER_FRAMES = 2 ** 20;
/** Spare buffers kept at most (the newest). */
const KEPT = 2;

const spares: AudioBuffer[] = [];

/**
 * Give back a buffer a render made (renderProcessedFast's `buffer`) that nothing reads any
 * more: a later render of the same length and rate overwrites it and returns it as its B.
 * Whoever still reads it would see the new render's samples.
 */
export function recycleRendered(buffer: AudioBuffer): void {
  if (buffer.numberOfChannels !== 2 || buffer.length > SPARE_FRAMES || spares.includes(buffer)) return;
  spares.push(buffer);
  spares.splice(0, Math.max(0, spares.length - KEPT));
}

/** A spare stereo buffer of that size for B, taken out; null when there is none. Its contents are whatever they were: the render writes every frame. */
export function spareTarget(length: number, sampleRate: number): AudioBuffer | null {
  const i = spares.findIndex((b) => b.length === length && b.sampleRate === sampleRate);
  return i < 0 ? null : spares.splice(i, 1)[0];
}

/** A new stereo buffer for B — a long one made by the browser's offline renderer, so it may come a few hundred ms later (writes wait for it). */
export function newTarget(length: number, sampleRate: number): AudioBuffer | Promise<AudioBuffer> {
  if (length >= BLANK_RENDER_FRAMES) return new OfflineAudioContext(2, length, sampleRate).startRendering();
  return new AudioBuffer({ length, numberOfChannels: 2, sampleRate });
}
