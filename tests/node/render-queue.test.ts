import { describe, expect, it, vi } from 'vitest';
import { PROGRESS_INTERVAL_MS, RenderQueue, type RenderRun } from '../../src/state/render-queue.svelte';
import { RERENDER_DEBOUNCE_MS } from '../../src/audio/constants';

/** A job whose runs the test settles by hand, as a worker render would: rejecting with an AbortError once cancelled. */
function controlledJob() {
  const runs: { run: RenderRun; finish: () => void; fail: (e: Error) => void }[] = [];
  const landed: number[] = [];
  const job = (run: RenderRun) =>
    new Promise<void>((resolve, reject) => {
      const n = runs.length;
      run.signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
      runs.push({
        run,
        finish: () => {
          if (run.current()) landed.push(n);
          resolve();
        },
        fail: reject,
      });
    });
  return { job, runs, landed };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('RenderQueue', () => {
  it('cancels the running render when the settings change again, and lands only the newest', async () => {
    const { job, runs, landed } = controlledJob();
    const errors: unknown[] = [];
    const q = new RenderQueue(job, (e) => errors.push(e));
    void q.now();
    expect(q.busy).toBe(true);
    runs[0].run.progress(0.42);
    expect(q.status).toBe('Rendering… 42 %');
    vi.useFakeTimers();
    q.schedule(); // a slider moved while the first render runs
    expect(runs[0].run.signal.aborted).toBe(true);
    expect(runs[0].run.current()).toBe(false);
    vi.advanceTimersByTime(RERENDER_DEBOUNCE_MS);
    vi.useRealTimers();
    await settle();
    expect(q.busy).toBe(true); // still not current: the new render runs
    expect(q.progress).toBeNull();
    runs[0].finish(); // too late: it must not land
    runs[1].finish();
    await settle();
    expect(landed).toEqual([1]);
    expect(q.busy).toBe(false);
    expect(errors).toEqual([]); // the cancelled render is no error
  });

  it('shows the first progress figure and the last at once, and those between a few times a second', () => {
    const { job, runs } = controlledJob();
    let now = 1000;
    const q = new RenderQueue(
      job,
      () => {},
      () => now,
    );
    void q.now();
    const report = (fraction: number) => runs[0].run.progress(fraction);
    report(0.01);
    expect(q.status).toBe('Rendering… 1 %');
    // A block a few ms later: the figure on screen waits (each new one is a layout and a paint).
    for (let f = 2; f <= 30; f++) {
      now += 5;
      report(f / 100);
    }
    expect(q.status).toBe('Rendering… 1 %');
    now = 1000 + PROGRESS_INTERVAL_MS;
    report(0.31);
    expect(q.status).toBe('Rendering… 31 %');
    now += 1;
    report(1);
    expect(q.progress).toBe(1);
    runs[0].finish();
  });

  it('after a failed render, what is shown stays marked as old until a render lands', async () => {
    const { job, runs } = controlledJob();
    const errors: unknown[] = [];
    const q = new RenderQueue(job, (e) => errors.push(e));
    const first = q.now();
    runs[0].fail(new Error('the impulse response is at 44100 Hz, the clip at 48000 Hz'));
    await first;
    expect(errors).toHaveLength(1);
    expect(q.busy).toBe(true);
    expect(q.failed).toBe(true);
    expect(q.status).toBe('Not rendered: previous settings shown');
    const second = q.now();
    expect(q.status).toBe('Rendering…');
    runs[1].finish();
    await second;
    expect(q.busy).toBe(false);
    expect(q.failed).toBe(false);
  });

  it('dispose (the slot removed) cancels the running render and drops the scheduled one', async () => {
    const { job, runs, landed } = controlledJob();
    const q = new RenderQueue(job, () => {});
    const running = q.now();
    vi.useFakeTimers();
    q.schedule();
    q.dispose();
    vi.advanceTimersByTime(10 * RERENDER_DEBOUNCE_MS);
    vi.useRealTimers();
    await running;
    expect(runs).toHaveLength(1);
    expect(runs[0].run.signal.aborted).toBe(true);
    runs[0].finish();
    expect(landed).toEqual([]);
  });
});
