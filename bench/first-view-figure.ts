/**
 * Figure 2: page load → first waveform, for the built lab, the lab as it was when the issue
 * was filed (bench/todays-lab.ts), a floor page that only fetches, decodes and draws the
 * same clip (bench/floor.html), and an empty page, loaded in turn in fresh browser
 * contexts. Besides the wall-clock times (which spread 2–5× on this shared machine) each
 * lab and floor load is traced: the page's main-thread CPU time up
 * to the first waveform, and the lab's start-up marks (`lab:<step>`, set by the app),
 * which say where the time goes and in what order.
 */
import type { Browser } from 'playwright';
import type { FigureResult } from './driver';
import { pairedDifferences, summarize, type Summary } from './stats';
import type { TraceEvent } from './trace-event';

interface Load {
  /** Navigation start → performance.mark('first-waveform'), ms. */
  firstWaveform: number;
  /** The page's main-thread CPU time in tasks that started before the first waveform, ms. */
  cpu: number;
  /** Every mark the page set: name → ms after navigation start. */
  marks: Record<string, number>;
}

const fmt = (s: Summary) => `${s.median.toFixed(0)} [${s.min.toFixed(0)}–${s.max.toFixed(0)}]`;

/** Load `url` in a fresh context, traced, until its first waveform. */
async function tracedLoad(browser: Browser, url: string): Promise<Load> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error(`[${url}] ${e.message}`));
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
    let trace: Buffer;
    try {
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('first-waveform').length > 0, null, { timeout: 30_000 });
    } finally {
      trace = await browser.stopTracing();
    }
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    const mark = events.find((e) => e.name === 'first-waveform');
    const firstWaveform = marks['first-waveform'];
    let cpu = NaN;
    if (mark) {
      // The page's renderer is the process that set the mark; its clock's zero is navigation start.
      const zero = mark.ts - firstWaveform * 1000;
      const main = events.find((e) => e.name === 'thread_name' && e.pid === mark.pid && e.args?.name === 'CrRendererMain');
      cpu =
        events
          .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.pid === mark.pid && e.tid === main?.tid)
          .filter((e) => e.ts >= zero && e.ts < mark.ts)
          .reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
    }
    return { firstWaveform, cpu, marks };
  } finally {
    await ctx.close();
  }
}

/**
 * `today`: the lab as it was when the issue was filed (bench/todays-lab.ts), served beside
 * the current one, or why it is not there. The issue asks for a first waveform "no later than
 * today's": with today's lab loaded in the same run that is the target; the empty page and
 * the floor page say where both stand.
 */
export async function firstViewFigure(
  browser: Browser,
  baseUrl: string,
  runs: number,
  warmUp: boolean,
  today: { url: string; commit: string } | { missing: string },
): Promise<FigureResult> {
  const loadEmpty = async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/empty.html`, { waitUntil: 'load' });
    const t = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    await ctx.close();
    return t;
  };
  const loadApp = () => tracedLoad(browser, `${baseUrl}/app/`);
  const loadFloor = () => tracedLoad(browser, `${baseUrl}/bench/bench/floor.html`);
  const loadToday = 'url' in today ? () => tracedLoad(browser, today.url) : undefined;
  const app: Load[] = [];
  const floor: Load[] = [];
  const todays: Load[] = [];
  const empty: number[] = [];
  if (warmUp) {
    await loadEmpty();
    await loadApp();
    await loadToday?.();
  }
  // Alternating orders: no page always runs first after the browser has been idle.
  for (let i = 0; i < runs; i++) {
    const steps = [
      async () => empty.push(await loadEmpty()),
      async () => floor.push(await loadFloor()),
      async () => app.push(await loadApp()),
      ...(loadToday ? [async () => todays.push(await loadToday())] : []),
    ];
    for (const step of i % 2 ? steps.reverse() : steps) await step();
  }
  const appTimes = app.map((l) => l.firstWaveform);
  const floorTimes = floor.map((l) => l.firstWaveform);
  const todayTimes = todays.map((l) => l.firstWaveform);
  const extra = pairedDifferences(appTimes, empty);
  const floorExtra = pairedDifferences(floorTimes, empty);
  const overFloor = pairedDifferences(appTimes, floorTimes);
  const steps = [...new Set(app.flatMap((l) => Object.keys(l.marks)))]
    .map((name) => ({ name, at: summarize(app.map((l) => l.marks[name]).filter((t) => t !== undefined)).median }))
    .sort((a, b) => a.at - b.at);
  const cpu = (loads: Load[]) => fmt(summarize(loads.map((l) => l.cpu)));
  const notes = [
    'built app (vite build) served by bench/server.ts from localhost, a fresh browser context per load',
    `over an empty page (its loadEventEnd: ${fmt(summarize(empty))} ms), paired per run: ${signed(extra)} ms — the reading "< 300 ms extra" (the +290 the issue quotes was taken on 2026-11-29, when the floor page below was +135): ${extra.median < 300 ? 'met' : 'not met'}`,
    `floor — a page that only decodes the same clip and draws it with wavesurfer.js (bench/floor.html): ${fmt(summarize(floorTimes))} ms, ${signed(floorExtra)} ms over the empty page`,
    `lab − floor, paired per run (the machine's load moves it less): ${signed(overFloor)} ms`,
    `main-thread CPU before the first waveform (trace): lab ${cpu(app)} ms, floor ${cpu(floor)} ms${todays.length ? `, today's lab ${cpu(todays)} ms` : ''}`,
    `lab start-up marks, median ms after navigation start: ${steps.map((s) => `${s.name} ${s.at.toFixed(0)}`).join(', ')}`,
  ];
  const common = { id: 2, name: 'page load → first waveform drawn (bundled clip, the default two slots)' };
  const figure = { name: "performance.mark('first-waveform') after navigation start", unit: 'ms', value: summarize(appTimes) };
  if (!('url' in today)) {
    return {
      ...common,
      figure,
      baseline: { name: 'empty page, loadEventEnd', unit: 'ms', value: summarize(empty) },
      comparison: { kind: 'difference', unit: 'ms', value: extra },
      target: '< 300 ms extra',
      met: extra.median < 300,
      notes: [`today's lab not measured: ${today.missing}`, ...notes],
    };
  }
  const overToday = pairedDifferences(appTimes, todayTimes);
  return {
    ...common,
    figure,
    baseline: {
      name: `today's lab (${today.commit.slice(0, 7)}, when the issue was filed), same run`,
      unit: 'ms',
      value: summarize(todayTimes),
    },
    comparison: { kind: 'difference', unit: 'ms', value: overToday },
    target: "no later than today's (paired median ≤ 0)",
    met: overToday.median <= 0,
    notes: [
      `lab − today's lab, paired per run: ${signed(overToday)} ms; later in ${appTimes.filter((t, i) => t > todayTimes[i]).length} of ${runs} loads`,
      ...notes,
    ],
  };
}

const signed = (s: Summary) => `${s.median > 0 ? '+' : ''}${s.median.toFixed(0)} [${s.min.toFixed(0)}…${s.max.toFixed(0)}]`;
