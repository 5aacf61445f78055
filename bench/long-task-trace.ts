/**
 * Who holds the page's main thread on the long-clip path: a Chromium trace (devtools
 * timeline + V8's sampling profiler) of the built app, unminified so functions keep their
 * names, while a long clip is chosen, rendered and measured and then the wet/dry slider is
 * moved. Every main-thread task over `--over` ms is listed with its wall and CPU time, the
 * step it fell in, and the functions the profiler sampled in it (self time, top 4).
 *
 *   npx tsx bench/long-task-trace.ts [--minutes 6] [--channels 1] [--over 50] [--reuse] [--save trace.json]
 *   npx tsx bench/long-task-trace.ts --from trace.json    # read a saved trace again
 *
 * On a loaded machine most tasks over 50 ms of wall time are the thread waiting for a core;
 * the ten with the most CPU time are listed after them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium';
import type { ProfileNode, TraceEvent } from './trace-event';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const minutes = arg('minutes', 6);
const channels = arg('channels', 1);
const over = arg('over', 50);
const path = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];

const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 600_000 });
const mark = (page: Page, name: string) => page.evaluate((n) => performance.mark(`step:${n}`), name);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'canyon-trace-'));
  // `--reuse`: the unminified build of the previous run (it takes a minute or two).
  const outDir = join(tmpdir(), 'canyon-trace-dist');
  const reel = join(dir, 'reel.wav');
  const synth = ['synth', '2', 'pinknoise', 'fade', 'h', '0.001', '2', '1.9', 'vol', '0.5', 'repeat', String(minutes * 30 - 1)];
  execFileSync('sox', ['-n', '-r', '48000', '-b', '16', '-c', String(channels), reel, ...synth]);
  if (!process.argv.includes('--reuse')) await build({ logLevel: 'warn', build: { minify: false, outDir, emptyOutDir: true } });
  const server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(server.resolvedUrls!.local[0]);
    await settled(page);
    await browser.startTracing(page, {
      categories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'blink.user_timing',
        'disabled-by-default-v8.cpu_profiler',
      ],
    });
    await mark(page, 'choose file');
    await page.getByTestId('file-input').setInputFiles(reel);
    await page.waitForFunction(() => !!document.querySelector('section.view')?.textContent?.includes('reel.wav'), undefined, {
      timeout: 600_000,
    });
    await mark(page, 'first waveform');
    await settled(page);
    await page.locator('.slots button.pick').nth(1).click();
    const wet = page.getByRole('slider', { name: 'Wet / dry' });
    await wet.focus();
    await mark(page, 'wet/dry move');
    await wet.press('End');
    // The move shows as busy after the lab's pause: wait for it, then for the end.
    await page.waitForFunction(() => !!document.querySelector('[aria-busy="true"]'), undefined, { timeout: 10_000 }).catch(() => {});
    await settled(page);
    await mark(page, 'end');
    const text = (await browser.stopTracing()).toString('utf8');
    if (process.argv.includes('--save')) writeFileSync(path('save'), text);
    report(text);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(text: string): void {
  const trace = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && hasTasks(events, e));
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = (e: TraceEvent) => e.pid === main.pid && e.tid === main.tid;
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && onMain(e));
  const marks = events.filter((e) => e.name.startsWith('step:') && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const samples = profileSamples(events, main);
  const t0 = marks[0]?.ts ?? 0;
  const total = tasks.filter((t) => t.ts >= t0).reduce((a, t) => a + (t.tdur ?? 0), 0);
  console.log(`${minutes}-minute ${channels}-channel clip: ${tasks.length} main-thread tasks, ${(total / 1000).toFixed(0)} ms CPU in all`);
  const cpuOrder = tasks.filter((t) => t.ts >= t0).sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0));
  const listed = tasks.filter((t) => t.ts >= t0 && (t.dur ?? 0) / 1000 > over);
  const print = (t: TraceEvent) => {
    const step =
      marks
        .filter((m) => m.ts <= t.ts)
        .pop()
        ?.name.slice(5) ?? '?';
    const inside = samples.filter((s) => s.ts >= t.ts && s.ts < t.ts + (t.dur ?? 0));
    const by = new Map<string, number>();
    for (const s of inside) by.set(s.frame, (by.get(s.frame) ?? 0) + s.ms);
    const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 4);
    const what = top.map(([f, ms]) => `${f} ${ms.toFixed(0)}`).join('; ');
    const parts = events
      .filter((e) => e.ph === 'X' && onMain(e) && e !== t && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && (e.dur ?? 0) > 10_000)
      .filter((e) => e.name !== 'ThreadControllerImpl::RunTask')
      .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`);
    const at = ((t.ts - t0) / 1e6).toFixed(1);
    console.log(
      `+${at} s [${step}] ${((t.dur ?? 0) / 1000).toFixed(0)} ms wall, ${((t.tdur ?? 0) / 1000).toFixed(0)} ms CPU: ${what}\n    events: ${parts.slice(0, 8).join('; ')}`,
    );
  };
  listed.forEach(print);
  console.log('— the ten with the most CPU time —');
  cpuOrder.slice(0, 10).forEach(print);
}

const hasTasks = (events: TraceEvent[], thread: TraceEvent) =>
  events.some((e) => e.name === 'ThreadControllerImpl::RunTask' && e.pid === thread.pid && e.tid === thread.tid && (e.dur ?? 0) > 10_000);

/** The main thread's profiler samples: time, the sampled function (self) and the ms it stands for. */
function profileSamples(events: TraceEvent[], main: TraceEvent): { ts: number; frame: string; ms: number }[] {
  const profiles = events.filter((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
  const out: { ts: number; frame: string; ms: number }[] = [];
  for (const profile of profiles) {
    const nodes = new Map<number, ProfileNode>();
    let ts = profile.args?.data?.startTime ?? 0;
    for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === main.pid)) {
      for (const n of chunk.args?.data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      const ids = chunk.args?.data?.cpuProfile?.samples ?? [];
      const deltas = chunk.args?.data?.timeDeltas ?? [];
      ids.forEach((id, i) => {
        ts += deltas[i] ?? 0;
        const next = deltas[i + 1] ?? 0;
        out.push({ ts, frame: frameName(nodes, id), ms: Math.max(0, next) / 1000 });
      });
    }
  }
  return out;
}

/** The sampled function with its file and line, and its first caller in the app's own code when it is the browser's or a library's. */
function frameName(nodes: Map<number, ProfileNode>, id: number): string {
  const node = nodes.get(id);
  if (!node) return '?';
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const self = node.callFrame.url ? name(node) : node.callFrame.functionName || '(program)';
  let caller = node.parent === undefined ? undefined : nodes.get(node.parent);
  while (caller && !caller.callFrame.url) caller = caller.parent === undefined ? undefined : nodes.get(caller.parent);
  return caller && !node.callFrame.url ? `${self} ← ${name(caller)}` : self;
}

if (process.argv.includes('--from')) report(readFileSync(path('from'), 'utf8'));
else await main();
