/**
 * A long clip in the built app (issue 14): a 4-minute file is opened, rendered and measured
 * with no main-thread task over 100 ms of CPU after its first waveform (a Chromium trace; the Long
 * Tasks API's wall times are reported), and after a
 * move of the wet/dry slider the old figures are marked out of date (the Measurements panel's
 * aria-busy and "Analysing…", B's view's "Rendering…") on every frame until the new ones arrive.
 * One page for the whole file; the clip is made in a temp folder by ffmpeg (mono, 48 kHz).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { settled } from './helpers';

/** Long enough that a per-sample pass over it in one main-thread task shows (11.5 M samples: hundreds of ms), cheap to render. */
const MINUTES = 4;
const LONG_TASK_MS = 100;

interface Watch {
  longTasks: { start: number; duration: number }[];
  since: number;
}

/** CPU time of every task of the page's main thread in a Chromium trace, ms. */
function mainThreadCpuMs(trace: Buffer): number[] {
  type Event = { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } };
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: Event[] } | Event[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  return events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.some((m) => m.pid === e.pid && m.tid === e.tid))
    .map((e) => (e.tdur ?? 0) / 1000);
}

describe('a 4-minute clip', { timeout: 90_000 }, () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canyon-long-'));
    // A decaying burst of pink noise every 2 s (sox: 1 s to make): something for the loudness and reverb figures to read.
    const reel = join(dir, 'reel.wav');
    execFileSync(
      'sox',
      ['-n', '-r', '48000', '-b', '16', '-c', '1', reel, 'synth', '2', 'pinknoise', 'fade', 'h', '0.001', '2', '1.9'].concat([
        'vol',
        '0.5',
        'repeat',
        String(MINUTES * 30 - 1),
      ]),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // Every long task from the start of the page, with its start time: the test reads those after the first waveform.
    await page.addInitScript(() => {
      const watch: Watch = { longTasks: [], since: Infinity };
      (window as unknown as { watch: Watch }).watch = watch;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) watch.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(inject('baseUrl'));
    await settled(page, 60_000);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tbody = () => page.getByTestId('metrics-table').locator('tbody').textContent();
  const longTasksSinceWaveform = () =>
    page.evaluate((limit) => {
      const { longTasks, since } = (window as unknown as { watch: Watch }).watch;
      return longTasks.filter((t) => t.start + t.duration > since && t.duration > limit).map((t) => Math.round(t.duration));
    }, LONG_TASK_MS);

  it('opens, renders and measures it', async () => {
    await page.getByTestId('file-input').setInputFiles(join(dir, 'reel.wav'));
    // The first waveform of the clip: A's view names it and is drawn (no longer loading).
    await page.waitForFunction(
      () => {
        const view = document.querySelector('section.view');
        const drawn = !!view?.textContent?.includes('reel.wav') && view.getAttribute('aria-busy') !== 'true';
        const watch = (window as unknown as { watch: Watch }).watch;
        if (drawn && watch.since === Infinity) watch.since = performance.now();
        return drawn;
      },
      undefined,
      { timeout: 30_000, polling: 'raf' },
    );
    // From the first waveform on, the main thread's tasks with their CPU time (the test's third part reads them).
    await browser.startTracing(page, { categories: ['toplevel'] });
    const started = Date.now();
    await settled(page, 60_000);
    console.info(`4-minute clip: first waveform → rendered and measured in ${Date.now() - started} ms`);
    expect(await page.locator('.messages span[role="alert"]').allTextContents()).toEqual([]);
    expect(await tbody()).toMatch(/\d/);
  });

  it('after a slider move the old figures are marked out of date on every frame until the new ones arrive', async () => {
    const before = await tbody();
    await page.locator('.slots button.pick').nth(1).click();
    const wet = page.getByRole('slider', { name: 'Wet / dry' });
    await wet.focus();
    // Every painted frame from the key press on: what the table shows and whether it and B's view say they are old.
    await page.evaluate(() => {
      const frames: { table: string; tableMarked: boolean; bMarked: boolean }[] = [];
      (window as unknown as { frames_: typeof frames }).frames_ = frames;
      const views = () => document.querySelectorAll('section.view');
      const sample = () => {
        frames.push({
          table: document.querySelector('[data-testid="metrics-table"] tbody')?.textContent ?? '',
          tableMarked: document.querySelector('section.metrics')?.getAttribute('aria-busy') === 'true',
          bMarked: views()[1]?.getAttribute('aria-busy') === 'true',
        });
        if (frames.length < 100_000) requestAnimationFrame(sample);
      };
      document.addEventListener('keydown', () => requestAnimationFrame(sample), { once: true, capture: true });
    });
    await wet.press('End');
    await expect.poll(tbody, { timeout: 60_000 }).not.toBe(before);
    await settled(page, 60_000);
    const frames = await page.evaluate(
      () => (window as unknown as { frames_: { table: string; tableMarked: boolean; bMarked: boolean }[] }).frames_,
    );
    expect(frames.length).toBeGreaterThan(2);
    // B's view is marked from the first frame after the move; the table whenever it still shows the old figures.
    expect(frames[0].bMarked).toBe(true);
    const unmarkedOld = frames.filter((f) => f.table === before && !f.tableMarked).length;
    expect(unmarkedOld, `${unmarkedOld} of ${frames.length} frames showed the old figures unmarked`).toBe(0);
    expect(frames.some((f) => f.table === before)).toBe(true);
    expect(errors).toEqual([]);
  });

  /**
   * Over both tests above. The Long Tasks API sees wall time, which on a shared 2-core machine
   * includes the thread waiting for a core (tasks of 1 ms of work measured 600 ms there): it is
   * reported, and the CPU time each task took on the main thread (Chromium's trace) is asserted.
   */
  it('no main-thread task over 100 ms of CPU after the first waveform', async () => {
    const cpu = mainThreadCpuMs(await browser.stopTracing());
    const long = await longTasksSinceWaveform();
    console.info(
      `after the first waveform: ${cpu.length} main-thread tasks, longest ${Math.max(0, ...cpu).toFixed(0)} ms of CPU; ` +
        `Long Tasks API (wall, ms): ${long.join(', ') || 'none'}`,
    );
    expect(Math.max(0, ...cpu), 'the trace holds the tasks’ CPU time').toBeGreaterThan(0);
    expect(cpu.filter((ms) => ms > LONG_TASK_MS).map(Math.round)).toEqual([]);
  });
});
