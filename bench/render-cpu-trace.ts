/**
 * Where figure 1's CPU goes: a re-render and a clip's first render of B, alternated, with
 * the renderer process's CPU time (/proc/PID/stat, all threads, those that ended too —
 * the offline audio render's thread ends with each render) and per live thread
 * (/proc/PID/task/TID/schedstat, ns); `--parts` adds the first render's two differences
 * one at a time (B's buffer new, the IR unseen). With `--trace`, three traced pairs whose
 * tasks and sampling profile say per thread where the time went (an unminified bench
 * page; the offline render's thread shows as OfflineAudioRender).
 *
 *   npx tsx bench/render-cpu-trace.ts [--pairs 20] [--parts] [--gap 2000] [--trace] [--reuse]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { buildBenchPages } from './build-pages';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium';
import { call, launch, openBenchPage } from './driver';
import { rendererPids } from './process-memory';
import { serve } from './server';
import { writeFloatWav } from './wav';
import { burstChannels, decayingNoiseChannels } from './page/signals';
import { cpuProfiles, type TraceEvent } from './trace-event';
import type { RenderTiming } from './page/render-figure';

const repo = resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const pairs = arg('pairs', 20);
/** Pause before each render, ms: memory freed that long before goes back to the VM's host, and a render touching fresh memory pays its faults as the bench's do (its peers run between renders). */
const gap = arg('gap', 0);
const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU ms per thread of the processes, keyed by pid:tid, with the thread's name. */
function threadCpu(pids: readonly number[]): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  for (const pid of pids) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // schedstat's first field: time on a CPU, ns (finer than stat's 10 ms ticks).
        const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        out.set(`${pid}:${tid}`, { name, ms: ns / 1e6 });
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return out;
}

/** The processes' CPU ms, all threads, including those that ended (stat's ticks). */
function processCpu(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    sum += ((Number(f[11]) + Number(f[12])) * 1000) / ticks;
  }
  return sum;
}

function addDelta(
  into: Map<string, number>,
  before: Map<string, { name: string; ms: number }>,
  after: Map<string, { name: string; ms: number }>,
) {
  for (const [k, a] of after) {
    const d = a.ms - (before.get(k)?.ms ?? 0);
    if (d > 0) into.set(`${a.name} (${k.split(':')[1]})`, (into.get(`${a.name} (${k.split(':')[1]})`) ?? 0) + d);
  }
}

function profileReport(events: TraceEvent[], windows: [string, number, number][]): void {
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const profiles = cpuProfiles(events);
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  for (const [label, from, to] of windows) {
    console.log(`\n${label}: ${((to - from) / 1000).toFixed(1)} ms wall`);
    const cpu = new Map<string, number>();
    for (const t of tasks) {
      const s = Math.max(t.ts, from);
      const e = Math.min(t.ts + (t.dur ?? 0), to);
      if (e <= s) continue;
      const k = `${t.pid}:${t.tid}`;
      cpu.set(k, (cpu.get(k) ?? 0) + ((t.tdur ?? t.dur ?? 0) * (e - s)) / Math.max(1, t.dur ?? 1));
    }
    // Garbage collection and the freeing of array buffers, per thread and phase.
    const gc = new Map<string, number>();
    for (const e of events) {
      if (e.ph !== 'X' || !/^(V8\.GC|MajorGC|MinorGC|V8\.GC_|BlinkGC)/.test(e.name) || e.ts < from || e.ts > to) continue;
      const k = `${names.get(`${e.pid}:${e.tid}`) ?? e.tid} ${e.name}`;
      gc.set(k, (gc.get(k) ?? 0) + (e.tdur ?? e.dur ?? 0));
    }
    for (const [k, us] of [...gc].sort((a, b) => b[1] - a[1]).slice(0, 8))
      if (us >= 300) console.log(`  gc: ${k} ${(us / 1000).toFixed(1)} ms`);
    // What the renderer's thread pool ran (compiles, collections): top-level events on its threads.
    const pool = new Map<string, number>();
    for (const e of events) {
      const thread = names.get(`${e.pid}:${e.tid}`) ?? '';
      if (e.ph !== 'X' || !thread.startsWith('ThreadPool') || e.ts < from || e.ts > to) continue;
      pool.set(e.name, (pool.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0));
    }
    for (const [k, us] of [...pool].sort((a, b) => b[1] - a[1]).slice(0, 8))
      if (us >= 300) console.log(`  pool: ${k} ${(us / 1000).toFixed(1)} ms`);
    for (const [key, us] of [...cpu].sort((a, b) => b[1] - a[1]))
      if (us >= 500) console.log(`  ${(names.get(key) ?? key).padEnd(24)} tasks CPU ${(us / 1000).toFixed(1)} ms`);
    for (const p of profiles) {
      const key = p.thread;
      const self = new Map<string, number>();
      let total = 0;
      for (let i = 1; i < p.samples.length; i++) {
        const s = p.samples[i];
        if (s.ts < from || s.ts > to) continue;
        const node = p.nodes.get(s.node);
        const fn = node?.callFrame.functionName || '(anon)';
        if (fn === '(idle)') continue;
        const us = s.ts - p.samples[i - 1].ts;
        total += us;
        const where = node?.callFrame.url ? `${fn}@${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}` : fn;
        self.set(where, (self.get(where) ?? 0) + us);
      }
      if (total < 1000) continue;
      const top = [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([f, us]) => `${f} ${(us / 1000).toFixed(1)}`)
        .join(', ');
      console.log(
        `  ${(names.get(key) ?? key).padEnd(24)} sampled ${(total / 1000).toFixed(1).padStart(6)} ms, tasks CPU ${((cpu.get(key) ?? 0) / 1000).toFixed(1)}: ${top}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const benchDist = join(tmpdir(), `canyon-render-trace-${basename(repo)}`);
  if (!process.argv.includes('--reuse')) await buildBenchPages(benchDist, { bench: 'index.html' }, { minify: false });
  const clipWav = join(tmpdir(), 'render-trace-clip.wav');
  const irWav = join(tmpdir(), 'render-trace-ir.wav');
  writeFloatWav(clipWav, burstChannels(10));
  writeFloatWav(irWav, decayingNoiseChannels(4));
  const server = await serve({ '/bench/': benchDist }, { '/render-clip.wav': clipWav, '/render-ir.wav': irWav });
  const jsFlags = process.argv.includes('--js-flags') ? process.argv[process.argv.indexOf('--js-flags') + 1] : null;
  const browser = jsFlags
    ? await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumArgs, `--js-flags=--expose-gc ${jsFlags}`] })
    : await launch();
  console.log(`load average ${loadavg()[0].toFixed(2)}`);
  try {
    const page = await openBenchPage(browser, server.url);
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await call(page, 'loadRenderMaterial', `${server.url}/render-clip.wav`, `${server.url}/render-ir.wav`);
    for (let i = 0; i < 3; i++) await call<RenderTiming>(page, 'timeLabRender');
    const pids = await rendererPids(browser);
    // What the renderer spends doing nothing for a second (a live audio thread would tick here).
    const idle = new Map<string, number>();
    const idle0 = threadCpu(pids);
    await new Promise((r) => setTimeout(r, 1000));
    addDelta(idle, idle0, threadCpu(pids));
    console.log(
      `idle second: ${[...idle]
        .filter(([, ms]) => ms >= 0.5)
        .map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`)
        .join(', ')}`,
    );
    // Each kind: [recycle B's last buffer, an IR the workers have not seen]. `--parts` adds the two halves of a first render.
    const kinds: Record<string, [boolean, boolean]> = process.argv.includes('--parts')
      ? { rerender: [true, false], first: [false, true], newBuffer: [false, false], newIr: [true, true] }
      : { rerender: [true, false], first: [false, true] };
    const perThread = new Map(Object.keys(kinds).map((k) => [k, new Map<string, number>()]));
    const processTotal = new Map(Object.keys(kinds).map((k) => [k, 0]));
    const wall = new Map(Object.keys(kinds).map((k) => [k, [] as number[]]));
    for (let i = 0; i < pairs; i++) {
      for (const [kind, [recycle, newIr]] of Object.entries(kinds)) {
        await call(page, 'prepareLabRenderParts', recycle, newIr);
        if (gap) await new Promise((r) => setTimeout(r, gap));
        const before = threadCpu(pids);
        const p0 = processCpu(pids);
        wall.get(kind)!.push((await call<RenderTiming>(page, 'timeLabRender')).ms);
        const p1 = processCpu(pids);
        addDelta(perThread.get(kind)!, before, threadCpu(pids));
        processTotal.set(kind, processTotal.get(kind)! + p1 - p0);
      }
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    for (const kind of Object.keys(kinds)) {
      const total = [...perThread.get(kind)!.values()].reduce((a, b) => a + b, 0);
      console.log(
        `\n${kind}: wall median ${med(wall.get(kind)!).toFixed(1)} ms; CPU per render: process ${(processTotal.get(kind)! / pairs).toFixed(1)} ms, live threads ${(total / pairs).toFixed(1)} ms`,
      );
      for (const [name, ms] of [...perThread.get(kind)!].sort((a, b) => b[1] - a[1]).slice(0, 8))
        console.log(`  ${name.padEnd(34)} ${(ms / pairs).toFixed(1)} ms`);
    }
    if (process.argv.includes('--trace')) {
      await browser.startTracing(page, {
        categories: [
          'toplevel',
          'blink.user_timing',
          'disabled-by-default-v8.cpu_profiler',
          'v8.execute',
          'disabled-by-default-v8.gc',
          'v8',
          'disabled-by-default-v8.compile',
        ],
      });
      for (let i = 0; i < 3; i++)
        for (const rerender of [true, false]) {
          await call(page, 'prepareLabRender', rerender);
          if (gap) await new Promise((r) => setTimeout(r, gap));
          await page.evaluate((k) => performance.mark(`trace:${k}:start`), `${rerender ? 'rerender' : 'first'}${i}`);
          await call<RenderTiming>(page, 'timeLabRender');
          await page.evaluate((k) => performance.mark(`trace:${k}:end`), `${rerender ? 'rerender' : 'first'}${i}`);
        }
      const raw = await browser.stopTracing();
      if (process.argv.includes('--save')) writeFileSync(process.argv[process.argv.indexOf('--save') + 1], raw);
      const trace = JSON.parse(raw.toString('utf8')) as { traceEvents: TraceEvent[] };
      const marks = new Map<string, number>();
      for (const e of trace.traceEvents) if (e.name.startsWith('trace:')) marks.set(e.name, e.ts);
      const windows: [string, number, number][] = [];
      for (const [n, ts] of marks) if (n.endsWith(':start')) windows.push([n.slice(6, -6), ts, marks.get(n.replace(':start', ':end'))!]);
      profileReport(trace.traceEvents, windows);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`load average ${loadavg()[0].toFixed(2)}`);
}
await main();
