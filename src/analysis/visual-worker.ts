/** Runs the visual views' analyses (visual-jobs.ts) off the main thread. */
import { runVisualJob, type VisualJob } from './visual-jobs';

const ctx = self as unknown as { postMessage(m: unknown): void; onmessage: unknown };

ctx.onmessage = (event: MessageEvent<{ id: number; job: VisualJob }>) => {
  const { id, job } = event.data;
  try {
    ctx.postMessage({ id, result: runVisualJob(job) });
  } catch (e) {
    ctx.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
