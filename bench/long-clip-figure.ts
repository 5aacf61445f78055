/**
 * Figures 11 and 12: a long clip in the built lab, as a user meets it. The file is chosen
 * in the file input of a fresh page (a fresh browser per run, so peak memory is the run's
 * own); the page itself records, on every animation frame, when each milestone is first
 * on screen — A's first waveform of the file, B rendered (its view names the file and is no
 * longer busy), every measurement shown (the Measurements panel no longer marked out of
 * date) — and the Long Tasks API records the main thread's tasks of 50 ms and more.
 *
 * 11: a 20-minute stereo reel: the three times, the renderer's peak memory above the settled
 * page, the longest main-thread task after the first waveform, the renderer's CPU time.
 * 12: a 106 s stereo clip from choosing it to every measurement shown; and on a 4-minute
 * clip, a wet/dry slider move (End: 100 % wet) to the new B drawn and measured.
 */
import type { Browser, Page } from 'playwright';
import { traceMainThread } from './main-thread-trace';
import { cpuMs } from './process-cpu';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { summarize } from './stats';
import type { FigureResult } from './driver';

const MB = 1024 * 1024;
/** The page marks its first waveform (performance.mark) for the trace. */
const WAVEFORM_MARK = 'bench:first-waveform';

interface Milestones {
  waveform: number;
  rendered: number;
  measured: number;
  /** Longest long task after the first waveform, ms (0: none of 50 ms or more). */
  longestTask: number;
  /** Longest main-thread task in CPU time after the first waveform, ms (a Chromium trace: the load's waiting left out). */
  longestCpu: number;
}

/** Record long tasks from the page's start (read after the first waveform). */
async function newPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  // tsx keeps functions' names with a `__name` helper that the page does not have.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (globalThis as unknown as { benchLongTasks: typeof tasks }).benchLongTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await settled(page);
  return page;
}

const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 600_000 });

/**
 * Start watching the page for the milestones, from now (performance.now() in the page),
 * then run `act` (choose the file, move a slider); resolves with the times from the start.
 * `name`: the file's name, which A's and B's views show once they hold it; `changed`: a
 * slider move, where the milestones are B's view and the table changing instead.
 */
async function timeMilestones(page: Page, name: string, act: () => Promise<void>): Promise<Milestones> {
  const browser = page.context().browser()!;
  const { result, main } = await traceMainThread(browser, page, () => wallMilestones(page, name, act), ['toplevel'], WAVEFORM_MARK);
  return { ...result, longestCpu: main.longestCpuMs };
}

async function wallMilestones(page: Page, name: string, act: () => Promise<void>): Promise<Omit<Milestones, 'longestCpu'>> {
  await page.evaluate(
    ([fileName, mark]) => {
      const t0 = performance.now();
      const table = () => document.querySelector('[data-testid="metrics-table"] tbody')?.textContent ?? '';
      const before = table();
      const done: Record<string, number> = {};
      (globalThis as unknown as { benchMilestones: { t0: number; done: typeof done } }).benchMilestones = { t0, done };
      const views = () => [...document.querySelectorAll('section.view')];
      let sawBusy = false;
      const frame = () => {
        const now = performance.now() - t0;
        const [a, b] = views();
        const holds = (v: Element | undefined) =>
          !!v && (!fileName || !!v.textContent?.includes(fileName)) && v.getAttribute('aria-busy') !== 'true';
        sawBusy ||= b?.getAttribute('aria-busy') === 'true';
        if (done.waveform === undefined && holds(a) && (fileName || sawBusy)) {
          done.waveform = now;
          performance.mark(mark);
        }
        if (done.waveform !== undefined && done.rendered === undefined && holds(b) && sawBusy) done.rendered = now;
        const metricsCurrent = document.querySelector('section.metrics')?.getAttribute('aria-busy') !== 'true';
        if (done.rendered !== undefined && done.measured === undefined && metricsCurrent && table() !== before) done.measured = now;
        if (done.measured === undefined) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    [name, WAVEFORM_MARK] as const,
  );
  await act();
  await page.waitForFunction(
    () => (globalThis as unknown as { benchMilestones: { done: { measured?: number } } }).benchMilestones.done.measured !== undefined,
    undefined,
    {
      timeout: 900_000,
      polling: 500,
    },
  );
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      benchMilestones: { t0: number; done: { waveform: number; rendered: number; measured: number } };
      benchLongTasks: { start: number; duration: number }[];
    };
    const { t0, done } = g.benchMilestones;
    const after = g.benchLongTasks.filter((t) => t.start + t.duration > t0 + done.waveform && t.start < t0 + done.measured);
    return { ...done, longestTask: Math.max(0, ...after.map((t) => t.duration)) };
  });
}

const chooseFile = (page: Page, path: string) => () => page.getByTestId('file-input').setInputFiles(path);
const fileName = (path: string) => path.split('/').pop()!;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The built lab and how many fresh-browser runs to make of a figure. */
export interface LabRuns {
  launch: () => Promise<Browser>;
  appUrl: string;
  runs: number;
}

/** `work` on the settled lab in a fresh browser, `runs` times (peak memory is then the run's own). */
async function inFreshPages({ launch, appUrl, runs }: LabRuns, work: (page: Page, browser: Browser) => Promise<void>): Promise<void> {
  for (let run = 0; run < runs; run++) {
    const browser = await launch();
    await work(await newPage(browser, appUrl), browser).finally(() => browser.close());
  }
}

/** Figure 11: a 20-minute stereo reel opened in the built lab. */
export async function reelFigure(lab: LabRuns, reel: { path: string; seconds: number }): Promise<FigureResult> {
  const runs = lab.runs;
  const all: Milestones[] = [];
  const peaks: number[] = [];
  const cpu: number[] = [];
  await inFreshPages(lab, async (page, browser) => {
    const pids = await rendererPids(browser);
    resetPeaks(pids);
    const before = new Map(pids.map((p) => [p, readMemory(p).rssBytes]));
    const cpu0 = cpuMs(pids);
    all.push(await timeMilestones(page, fileName(reel.path), chooseFile(page, reel.path)));
    cpu.push(cpuMs(pids) - cpu0);
    peaks.push(Math.max(...pids.map((p) => readMemory(p).peakBytes - before.get(p)!)));
  });
  const decoded = (reel.seconds * 48_000 * 2 * 4) / MB;
  const med = (f: (m: Milestones) => number) => summarize(all.map(f));
  return {
    id: 11,
    name: `the built lab opens a ${reel.seconds / 60}-minute stereo WAV (A dry, B through the default street reverb)`,
    figure: { name: 'choose the file → every measurement shown', unit: 'ms', value: med((m) => m.measured) },
    baseline: null,
    comparison: null,
    target: 'opens (≤ 20 minutes of stereo accepted); no main-thread task ≥ 100 ms after the first waveform',
    met: all.every((m) => m.longestTask < 100),
    notes: [
      `first waveform ${s(med((m) => m.waveform).median)}, B rendered ${s(med((m) => m.rendered).median)}, measurements ${s(med((m) => m.measured).median)} (medians of ${runs})`,
      `longest main-thread task after the first waveform (Long Tasks API, wall time): ${med((m) => m.longestTask).median.toFixed(0)} ms [${med((m) => m.longestTask).min.toFixed(0)}–${med((m) => m.longestTask).max.toFixed(0)}]`,
      `longest main-thread task after the first waveform in CPU time (Chromium trace): ${med((m) => m.longestCpu).median.toFixed(0)} ms`,
      `renderer peak resident memory above the settled page: ${(summarize(peaks).median / MB).toFixed(0)} MB (${(summarize(peaks).median / MB / decoded).toFixed(2)}× the decoded reel, ${decoded.toFixed(0)} MB)`,
      `renderer CPU time, all threads, choose → measured: ${s(summarize(cpu).median)}`,
    ],
  };
}

/** Figure 12: what a user waits for: a 106 s clip to its measurements, and a slider move on a 4-minute clip. */
export async function latencyFigure(lab: LabRuns, files: { short: string; long: string }): Promise<FigureResult> {
  const open: Milestones[] = [];
  const slider: Milestones[] = [];
  await inFreshPages(lab, async (page) => {
    open.push(await timeMilestones(page, fileName(files.short), chooseFile(page, files.short)));
    await settled(page);
    await timeMilestones(page, fileName(files.long), chooseFile(page, files.long));
    await settled(page);
    await page.locator('.slots button.pick').nth(1).click();
    const wet = page.getByRole('slider', { name: 'Wet / dry' });
    await wet.focus();
    slider.push(await timeMilestones(page, '', () => wet.press('End')));
  });
  const measured = summarize(open.map((m) => m.measured));
  const moved = summarize(slider.map((m) => m.measured));
  return {
    id: 12,
    name: 'latency a user feels: a 106 s stereo clip chosen → every measurement shown; a wet/dry move on a 4-minute clip → new B drawn and measured',
    figure: { name: '106 s clip: choose → measurements shown', unit: 'ms', value: measured },
    baseline: null,
    comparison: null,
    target: '106 s clip ≤ 2 s; slider move ≤ 3 s',
    met: measured.median <= 2000 && moved.median <= 3000,
    notes: [
      `106 s clip: first waveform ${s(summarize(open.map((m) => m.waveform)).median)}, B rendered ${s(summarize(open.map((m) => m.rendered)).median)}, measured ${s(measured.median)}`,
      `4-minute clip, wet/dry to 100 %: B redrawn ${s(summarize(slider.map((m) => m.rendered)).median)}, measured ${s(moved.median)} [${s(moved.min)}–${s(moved.max)}] (includes the lab's 250 ms pause after the last change)`,
      `longest main-thread task after the first waveform: ${summarize(open.map((m) => m.longestTask)).median.toFixed(0)} ms (106 s), ${summarize(slider.map((m) => m.longestTask)).median.toFixed(0)} ms (slider) wall; in CPU time: ${summarize(open.map((m) => m.longestCpu)).median.toFixed(0)} and ${summarize(slider.map((m) => m.longestCpu)).median.toFixed(0)} ms`,
    ],
  };
}
