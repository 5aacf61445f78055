/**
 * Long passes over a film reel's samples on the page's own thread, cut into steps with a
 * new task between them, so input and painting are never held up for long (a pass over
 * 20 minutes of stereo is 115 M samples: 100–300 ms in one piece on this machine).
 */

/** Samples one step reads: a few milliseconds of simple work. */
export const STEP_SAMPLES = 1 << 20;

/**
 * Steps run back to back in one task until this much time has passed, ms: a pass makes
 * room for input and painting often enough, yet does not wait its turn behind every other
 * task once per step (a 106 s clip's two views took a second to draw that way, for 40 ms of work).
 */
export const TASK_BUDGET_MS = 12;

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * A new task: the page handles input and paints before the next step. `scheduler.yield()`
 * where there is one (Chromium): the pass goes on ahead of tasks queued meanwhile, as a
 * pass already started should; else a message to oneself rather than setTimeout, whose 4 ms
 * clamp would stretch a pass of 100 steps.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
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
 * (a frame is `channels` samples), in tasks of their own of about TASK_BUDGET_MS; stops
 * (rejecting with the signal's reason) once `signal` is aborted. Piece bounds are whole
 * frames: with 3 or 6 channels a plain division would give fractional indices.
 */
export async function inSteps(
  length: number,
  step: (start: number, end: number) => void,
  options: { stepSamples?: number; channels?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const size = Math.max(1, Math.floor((options.stepSamples ?? STEP_SAMPLES) / Math.max(1, options.channels ?? 1)));
  // No step in the task a pass starts in: several passes often start in one task (a slot
  // landing starts its views' peaks, the null test, its peak) on top of the page's own work.
  let since = -Infinity;
  for (let start = 0; start < length; start += size) {
    if (performance.now() - since >= TASK_BUDGET_MS) {
      await nextTask();
      since = performance.now();
    }
    options.signal?.throwIfAborted();
    step(start, Math.min(length, start + size));
  }
}
