/**
 * Long passes cut into steps (a new task between them) give exactly what the one-piece
 * pass gives: the sample survey and a waveform view's peaks, on signals big enough to take
 * many steps; and the page gets its turn between tasks of a few steps each.
 */
import { describe, expect, it } from 'vitest';
import { inSteps, nextTask, STEP_SAMPLES, TASK_BUDGET_MS } from '../../src/analysis/in-steps';
import { surveySamples, surveySamplesInSteps } from '../../src/analysis/sample-survey';
import { clipPeaks } from '../../src/audio/clip-peaks';
import { peaksOf } from '../../src/ui/waveform-peaks';
import { CodedAudio, readRange } from '../../src/audio/coded-audio';

/** Deterministic noise, `n` samples at `level`. */
function noise(n: number, level: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    x[i] = level * ((s / 2 ** 32) * 2 - 1);
  }
  return x;
}

describe('passes in steps', () => {
  it('inSteps covers [0, length) once, in order, and lets other tasks run between steps', async () => {
    const seen: [number, number][] = [];
    let between = 0;
    const other = setInterval(() => between++, 0);
    await inSteps(
      10_001,
      (a, b) => {
        seen.push([a, b]);
        const until = performance.now() + 2; // a step of real work, so the timer falls due
        while (performance.now() < until);
      },
      { stepSamples: 1000 },
    );
    clearInterval(other);
    expect(seen.length).toBe(11);
    expect(seen[0]).toEqual([0, 1000]);
    expect(seen.at(-1)).toEqual([10_000, 10_001]);
    expect(seen.every(([a], i) => i === 0 || a === seen[i - 1][1])).toBe(true);
    expect(between).toBeGreaterThan(0);
    await nextTask();
  });

  it('runs steps back to back within a task until its time budget is spent, then gives other tasks their turn', async () => {
    let epoch = 0; // moves on whenever another task has run
    const other = setInterval(() => epoch++, 0);
    const epochs: number[] = [];
    await inSteps(
      60_000,
      () => {
        epochs.push(epoch);
        const until = performance.now() + 1; // 1 ms of work a step
        while (performance.now() < until);
      },
      { stepSamples: 1000 },
    );
    clearInterval(other);
    const tasks = new Set(epochs).size;
    // 60 steps of 1 ms in tasks of about TASK_BUDGET_MS: several steps a task, yet several tasks.
    expect(tasks).toBeLessThanOrEqual(Math.ceil(60 / (TASK_BUDGET_MS - 2)) + 2);
    expect(tasks).toBeGreaterThanOrEqual(3);
  });

  it('steps over whole frames when a frame is several samples', async () => {
    const seen: [number, number][] = [];
    await inSteps(10_001, (a, b) => seen.push([a, b]), { stepSamples: 1000, channels: 6 });
    expect(seen[0]).toEqual([0, 166]);
    expect(seen.flat().every(Number.isInteger)).toBe(true);
    expect(seen.at(-1)![1]).toBe(10_001);
  });

  it('stops once its signal is aborted', async () => {
    const stop = new AbortController();
    let steps = 0;
    const run = inSteps(1e6, () => ++steps === 3 && stop.abort(), { stepSamples: 1000, signal: stop.signal });
    await expect(run).rejects.toThrow();
    expect(steps).toBe(3);
  });

  it('the sample survey in steps equals the one-piece survey', async () => {
    const n = 2 * STEP_SAMPLES + 17;
    const hot = noise(n, 0.5, 1);
    hot[n - 5] = 1.7; // over full scale near the end, in the last step
    const nan = noise(n, 0.5, 2);
    nan[STEP_SAMPLES + 3] = NaN;
    // Three and six channels: 2^20 samples do not split into whole frames of them.
    const three = [hot, noise(n, 0.2, 7), noise(n, 0.3, 8)];
    const six = [...three, noise(n, 0.1, 9), noise(n, 0.4, 10), noise(n, 0.2, 11)];
    const cases = [[hot, noise(n, 0.2, 4)], [hot], [nan], [new Float32Array(n)], [new Float32Array(n).fill(0.25)], three, six];
    for (const channels of cases) expect(await surveySamplesInSteps(channels)).toEqual(await surveySamples(channels));
    expect((await surveySamplesInSteps([hot])).overPeak).toBeCloseTo(1.7, 6);
    expect((await surveySamplesInSteps([nan])).finite).toBe(false);
  });

  it("a clip's peaks in steps equal the one-piece peaks", async () => {
    const rate = 48_000;
    const channels = [noise(2 * STEP_SAMPLES + 7, 0.3, 5), noise(2 * STEP_SAMPLES + 7, 0.6, 6)]; // a last pair of fewer samples
    // As a 16-bit file read a range at a time (the stepped reader AudioBuffers share, which Node has not).
    const n = channels[0].length;
    const codes = new Int16Array(2 * n);
    for (let i = 0; i < n; i++) for (let c = 0; c < 2; c++) codes[2 * i + c] = Math.round(channels[c][i] * 32767);
    const coded = new CodedAudio({ blob: new Blob([codes]), offset: 0, width: 2 }, n, 2, rate);
    const whole = clipPeaks(await readRange(coded, 0, n), rate);
    const stepped = await peaksOf(coded, new AbortController().signal);
    expect([stepped.bucket, stepped.length, stepped.sampleRate]).toEqual([whole.bucket, whole.length, whole.sampleRate]);
    expect(stepped.peaks.map((p) => p.length)).toEqual(whole.peaks.map((p) => p.length));
    // Compared value by value (a deep equality of 200 000-value arrays is slow): no bucket differs.
    const differing = stepped.peaks.reduce((count, p, c) => count + p.filter((v, i) => v !== whole.peaks[c][i]).length, 0);
    expect(differing).toBe(0);
    expect(stepped.peaks[1].reduce((m, v) => Math.max(m, v), 0)).toBeGreaterThan(0.5);
  });
});
