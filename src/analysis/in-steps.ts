/**
 * Long passes over a film reel's samples on the page's own thread, cut into steps with a
 * new task between them, so input and painting are never held up for long (a pass over
 * 20 minutes of stereo is 115 M samples: 100–300 ms in one piece on this machine).
 */

/** Samples one step reads: a few milliseconds of simple work. */
export const STEP_SAMPLES = 1 << 20;

/**
 * A new task: the page handles input and paints before the next step. A message to
 * oneself rather than setTimeout, whose 4 ms clamp would stretch a pass of 100 steps.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Run `step(start, end)` over frames [0, length) in pieces of about `stepSamples` samples
 * (a frame is `channels` samples), with a new task before each piece but the first; stops
 * (rejecting with the signal's reason) once `signal` is aborted. Piece bounds are whole
 * frames: with 3 or 6 channels a plain division would give fractional indices.
 */
export async function inSteps(
  length: number,
  step: (start: number, end: number) => void,
  options: { stepSamples?: number; channels?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const size = Math.max(1, Math.floor((options.stepSamples ?? STEP_SAMPLES) / Math.max(1, options.channels ?? 1)));
  for (let start = 0; start < length; start += size) {
    if (start > 0) await nextTask();
    options.signal?.throwIfAborted();
    step(start, Math.min(length, start + size));
  }
}
