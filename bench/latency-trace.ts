/**
 * Where the wait of figure 12 goes: a 106 s stereo WAV chosen in the built lab (unminified,
 * so functions keep their names), traced from the choice to every measurement shown. Prints
 * the milestones, the lab's `lab:*` marks, and per thread (page, each worker) its CPU time in
 * each phase with the functions the sampling profiler saw most.
 *
 *   npx tsx bench/latency-trace.ts [--seconds 106] [--reuse] [--save trace.json]
 *   npx tsx bench/latency-trace.ts --seconds 240 --slider     # figure 12's wet/dry move on a 4-minute clip
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium';
import { ensureLongWav } from './wav';
import { cpuProfiles, type TraceEvent } from './trace-event';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const seconds = arg('seconds', 106);
const savePath = process.argv.includes('--save') ? process.argv[process.argv.indexOf('--save') + 1] : undefined;
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 600_000 });

/** The page records when A's view holds the file, B's too, and the table is current (as figure 12 does). */
async function watch(page: Page, fileName: string): Promise<void> {
  await page.evaluate((name) => {
    const t0 = performance.now();
    const done: Record<string, number> = {};
    (globalThis as unknown as { lat: { t0: number; done: typeof done } }).lat = { t0, done };
    const table = () => document.querySelector('[data-testid="metrics-table"] tbody')?.textContent ?? '';
    const before = table();
    let sawBusy = false;
    const frame = () => {
      const now = performance.now();
      const [a, b] = [...document.querySelectorAll('section.view')];
      const holds = (v: Element | undefined) => !!v && !!v.textContent?.includes(name) && v.getAttribute('aria-busy') !== 'true';
      const reach = (step: string) => {
        done[step] = now;
        performance.mark(`lat:${step}`);
      };
      if (done.waveform === undefined && holds(a)) reach('waveform');
      sawBusy ||= b?.getAttribute('aria-busy') === 'true';
      if (done.waveform !== undefined && done.rendered === undefined && holds(b) && sawBusy) reach('rendered');
      const current = document.querySelector('section.metrics')?.getAttribute('aria-busy') !== 'true';
      if (done.rendered !== undefined && done.measured === undefined && current && table() !== before) reach('measured');
      if (done.measured === undefined) requestAnimationFrame(frame);
    };
    performance.mark('lat:choose');
    requestAnimationFrame(frame);
  }, fileName);
}

function report(events: TraceEvent[]): void {
  const byName = new Map<string, number>();
  for (const e of events) if (/^(lat|lab):/.test(e.name) && !byName.has(e.name)) byName.set(e.name, e.ts);
  const t0 = byName.get('lat:choose');
  if (t0 === undefined) throw new Error('no lat:choose mark in the trace');
  const rel = (ts: number) => (ts - t0) / 1000;
  console.log('marks (ms after the choice):');
  for (const [n, ts] of [...byName].sort((a, b) => a[1] - b[1])) if (ts >= t0) console.log(`  ${rel(ts).toFixed(0).padStart(6)}  ${n}`);
  const phases: [string, number, number][] = [];
  const at = (n: string) => byName.get(n) ?? Infinity;
  phases.push(
    ['choose → waveform', t0, at('lat:waveform')],
    ['waveform → rendered', at('lat:waveform'), at('lat:rendered')],
    ['rendered → measured', at('lat:rendered'), at('lat:measured')],
  );
  // B's render itself, where the page marks it (src/render/render-processed.ts).
  if (byName.has('lab:render:start')) phases.push(['render:start → render:done', at('lab:render:start'), at('lab:render:done')]);
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const profiles = cpuProfiles(events);
  const mainKey = [...names].find(([, n]) => n === 'CrRendererMain')?.[0];
  /** The functions the profiler sampled most on thread `key` in [from, to], with their self time, ms. */
  const selfIn = (key: string, from: number, to: number) => {
    const self = new Map<string, number>();
    for (const p of profiles) {
      if (p.thread !== key) continue;
      for (let i = 1; i < p.samples.length; i++) {
        const s = p.samples[i];
        if (s.ts < from || s.ts > to) continue;
        const fn = p.nodes.get(s.node)?.callFrame.functionName || '(anon)';
        if (fn === '(idle)' || fn === '(program)') continue;
        self.set(fn, (self.get(fn) ?? 0) + (s.ts - p.samples[i - 1].ts));
      }
    }
    return [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([f, us]) => `${f} ${(us / 1000).toFixed(0)}`)
      .join(', ');
  };
  console.log('\nmain-thread tasks of 30 ms CPU and more (start ms after the choice, wall, CPU):');
  for (const t of tasks) {
    if (!mainKey || `${t.pid}:${t.tid}` !== mainKey || t.ts < t0 || (t.tdur ?? 0) < 30_000) continue;
    console.log(
      `  ${rel(t.ts).toFixed(0).padStart(6)} ${((t.dur ?? 0) / 1000).toFixed(0).padStart(5)} ${((t.tdur ?? 0) / 1000).toFixed(0).padStart(5)}  ${selfIn(mainKey, t.ts, t.ts + (t.dur ?? 0))}`,
    );
  }
  for (const [label, from, to] of phases) {
    console.log(`\n${label}: ${((to - from) / 1000).toFixed(0)} ms`);
    const cpu = new Map<string, number>();
    for (const t of tasks) {
      const s = Math.max(t.ts, from),
        e = Math.min(t.ts + (t.dur ?? 0), to);
      if (e <= s) continue;
      const k = `${t.pid}:${t.tid}`;
      cpu.set(k, (cpu.get(k) ?? 0) + ((t.tdur ?? t.dur ?? 0) * (e - s)) / Math.max(1, t.dur ?? 1));
    }
    for (const [k, us] of [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      const top = selfIn(k, from, to);
      console.log(`  ${(names.get(k) ?? k).padEnd(22)} CPU ${(us / 1000).toFixed(0).padStart(5)} ms   ${top}`);
    }
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--from'))
    return report(
      (JSON.parse(readFileSync(process.argv[process.argv.indexOf('--from') + 1], 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents,
    );
  const outDir = join(tmpdir(), 'canyon-latency-dist');
  const wav = join(tmpdir(), `latency-${seconds}s.wav`);
  await ensureLongWav(wav, seconds);
  if (!process.argv.includes('--reuse')) await build({ logLevel: 'warn', build: { minify: false, outDir, emptyOutDir: true } });
  const server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // tsx keeps functions' names with a `__name` helper that the page does not have.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(server.resolvedUrls!.local[0]);
    await settled(page);
    await page.waitForTimeout(1000);
    const tracing = () =>
      browser.startTracing(page, {
        // `--light`: marks and tasks only, without the sampling profiler's own cost on every thread.
        categories: process.argv.includes('--light')
          ? ['toplevel', 'blink.user_timing']
          : ['toplevel', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'v8.execute', 'devtools.timeline'],
      });
    const slider = process.argv.includes('--slider');
    if (slider) {
      // The wet/dry move of figure 12 on this clip: opened first, untraced.
      await page.getByTestId('file-input').setInputFiles(wav);
      await page.waitForFunction((n) => document.querySelectorAll('section.view')[1]?.textContent?.includes(n), wav.split('/').pop()!);
      await settled(page);
      await page.locator('.slots button.pick').nth(1).click();
      await page.getByRole('slider', { name: 'Wet / dry' }).focus();
    }
    await tracing();
    await watch(page, wav.split('/').pop()!);
    if (slider) await page.getByRole('slider', { name: 'Wet / dry' }).press('End');
    else await page.getByTestId('file-input').setInputFiles(wav);
    await page.waitForFunction(
      () => (globalThis as unknown as { lat: { done: { measured?: number } } }).lat.done.measured !== undefined,
      undefined,
      {
        timeout: 300_000,
        polling: 200,
      },
    );
    const trace = await browser.stopTracing();
    const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
    if (savePath) writeFileSync(savePath, trace);
    report(parsed.traceEvents);
  } finally {
    await browser.close();
    server.httpServer.close();
  }
}
await main();
