/**
 * `npm run bench [-- --quick] [-- --only 1,4]`: builds the app and the bench page, serves
 * both, drives headless Chromium and measures every figure of issues 7 and 14 next to a
 * baseline taken in the same run. Prints a table and writes bench/results.json.
 *
 * Full mode: the sizes of the issue, 5 runs a figure (3 for peak memory: a fresh browser each).
 * Quick mode: one run each (after one warm-up) at small sizes — it proves the bench still
 * works; its timings are not the figures.
 */
import { build } from 'vite';
import { buildBenchPages } from './build-pages';
import type { Page } from 'playwright';
import { cpus, loadavg, totalmem, release, tmpdir } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summarize, pairedRatios, type Summary } from './stats';
import { serve } from './server';
import { ensureLongWav, writeFloatWav } from './wav';
import { slotsFigure } from './slots-figure';
import { latencyFigure, reelFigure } from './long-clip-figure';
import { initialJsSize } from './bundle-size';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { call, launch, openBenchPage, type FigureResult } from './driver';
import { longRenderFigure, renderFigure } from './render-figures';
import { burstChannels, decayingNoiseChannels } from './page/signals';
import { AB_CROSSFADE_SECONDS, LAB_SAMPLE_RATE } from '../src/audio/constants';
import { spectrogramFigure } from './spectrogram-figure';
import { firstViewFigure } from './first-view-figure';
import { buildTodaysLab, TODAYS_COMMIT } from './todays-lab';

const repo = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? new Set((onlyArg.split('=')[1] ?? args[args.indexOf(onlyArg) + 1]).split(',').map(Number)) : null;
const wanted = (id: number) => !only || only.has(id);

const sizes = quick
  ? {
      runs: 1,
      pageLoads: 2,
      heavyRuns: 1,
      memoryRuns: 1,
      analysisRuns: 1,
      warmUp: true,
      clipSeconds: 2,
      irSeconds: 1,
      analysisSeconds: 10,
      longSeconds: 30,
      reelSeconds: 30,
      spectrogramSeconds: 30,
      slotSeconds: 8,
      latencySeconds: [10, 20],
    }
  : // Figure 3 takes ~0.1 s a run and this shared VM's timings of it spread 3× run to run
    // (the read-only baseline's too): 15 runs make its median mean something.
    {
      runs: 5,
      /** Figure 2: page loads are quick and their paired differences spread ±100 ms, so 10 of each. */
      pageLoads: 10,
      heavyRuns: 5,
      memoryRuns: 3,
      analysisRuns: 15,
      warmUp: true,
      clipSeconds: 10,
      irSeconds: 4,
      analysisSeconds: 60,
      longSeconds: 600,
      /** Figure 9: a film reel. */
      reelSeconds: 1200,
      spectrogramSeconds: 300,
      slotSeconds: 60,
      /** Figure 12: the issue's 106 s ambience and 4-minute clip. */
      latencySeconds: [106, 240],
    };

// ---------------------------------------------------------------- figure 3
async function analysisFigure(page: Page): Promise<FigureResult> {
  const name = `full analysis (src/analysis/measure.ts measureClip) of a ${sizes.analysisSeconds} s stereo clip`;
  if (!(await call<boolean>(page, 'analysisAvailable'))) {
    return {
      id: 3,
      name,
      figure: null,
      baseline: null,
      comparison: null,
      target: '< 100 ms',
      met: null,
      notes: ['not available yet: src/analysis/measure.ts (measureClip) is not in this tree; `npm run bench:analysis` measures it in Node'],
    };
  }
  const s = sizes.analysisSeconds;
  if (sizes.warmUp) {
    await call<number>(page, 'timeAnalysis', s);
    await call<number>(page, 'timeReadEverySample', s);
  }
  const full: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < sizes.analysisRuns; i++) {
    full.push(await call<number>(page, 'timeAnalysis', s));
    read.push(await call<number>(page, 'timeReadEverySample', s));
  }
  const fullS = summarize(full);
  return {
    id: 3,
    name,
    figure: { name: 'measureClip in Chromium', unit: 'ms', value: fullS },
    baseline: { name: 'one pass that only reads every sample', unit: 'ms', value: summarize(read) },
    comparison: { kind: 'ratio', unit: '×', value: pairedRatios(full, read) },
    target: '< 100 ms',
    met: fullS.median < 100,
    notes: [],
  };
}

// ---------------------------------------------------------------- figure 4
async function longViewFigure(page: Page, longUrl: string): Promise<FigureResult> {
  interface Times {
    ms: number;
    decodeAndChecks: number;
    peaks: number;
    draw: number;
  }
  const times: Times[] = [];
  const decode: number[] = [];
  for (let i = 0; i < sizes.heavyRuns; i++) {
    if (i % 2) {
      decode.push(await call<number>(page, 'timeDecodeOnly', longUrl));
      times.push(await call<Times>(page, 'timeLoadAndDraw', longUrl));
    } else {
      times.push(await call<Times>(page, 'timeLoadAndDraw', longUrl));
      decode.push(await call<number>(page, 'timeDecodeOnly', longUrl));
    }
  }
  const view = times.map((t) => t.ms);
  const ratio = pairedRatios(view, decode);
  const stage = (key: keyof Times) => summarize(times.map((t) => t[key])).median.toFixed(0);
  return {
    id: 4,
    name: `waveform view of a ${sizes.longSeconds / 60}-minute stereo clip (16-bit WAV, 48 kHz): decode + checks + peaks + draw`,
    figure: { name: 'decodeAudio + viewPeaks + wavesurfer draw', unit: 'ms', value: summarize(view) },
    baseline: { name: 'decodeAudioData of the same bytes alone', unit: 'ms', value: summarize(decode) },
    comparison: { kind: 'ratio', unit: '×', value: ratio },
    target: 'ratio ≤ 1.5',
    met: ratio.median <= 1.5,
    notes: [
      'file bytes fetched before the clock starts in both',
      `stages (medians, ms): decodeAudio with its checks ${stage('decodeAndChecks')}, viewPeaks ${stage('peaks')}, wavesurfer draw ${stage('draw')}`,
    ],
  };
}

// ---------------------------------------------------------------- figure 5
async function switchFigure(page: Page): Promise<FigureResult> {
  interface L {
    startFrames: number;
    doneFrames: number;
    crossfadeFrames: number;
  }
  const starts: number[] = [];
  const dones: number[] = [];
  let crossfadeFrames = 0;
  // Requests at different offsets inside a quantum: the wait for the next boundary varies.
  const offsets = [37, 1, 127, 64, 100];
  for (let i = 0; i < sizes.runs; i++) {
    const l = await call<L>(page, 'measureSwitch', LAB_SAMPLE_RATE + offsets[i % offsets.length]);
    starts.push(l.startFrames);
    dones.push(l.doneFrames);
    crossfadeFrames = l.crossfadeFrames;
  }
  const quantum = 128;
  const toMs = (frames: number) => (frames / LAB_SAMPLE_RATE) * 1000;
  const done = summarize(dones);
  const budget = quantum + crossfadeFrames;
  return {
    id: 5,
    name: `A/B switch latency (SideSelector, ${AB_CROSSFADE_SECONDS * 1000} ms crossfade), request → only B heard`,
    figure: { name: 'frames from request to fully switched', unit: 'frames', value: done },
    baseline: { name: 'one render quantum', unit: 'frames', value: summarize([quantum]) },
    comparison: { kind: 'ratio', unit: 'quanta', value: summarize(dones.map((d) => d / quantum)) },
    target: `≤ 1 quantum + crossfade = ${budget} frames (${toMs(budget).toFixed(2)} ms)`,
    met: done.max <= budget,
    notes: [
      `output starts to change ${summarize(starts).min}–${summarize(starts).max} frames after the request (wait for the next quantum boundary); fully B after ${done.min}–${done.max} frames = ${toMs(done.min).toFixed(2)}–${toMs(done.max).toFixed(2)} ms`,
      'measured in an OfflineAudioContext suspended at the request; the output device buffer (AudioContext.outputLatency) comes on top for any Web Audio app',
    ],
  };
}

// ---------------------------------------------------------------- figure 6
async function memoryFigure(baseUrl: string, longUrl: string): Promise<FigureResult> {
  const growth: number[] = [];
  const buffers: number[] = [];
  const clipOnly: number[] = [];
  const heap: number[] = [];
  let resetWorked = true;
  for (let i = 0; i < sizes.memoryRuns; i++) {
    // A fresh browser per run: a renderer that held the last run's buffers would blur the peak.
    const browser = await launch();
    try {
      const page = await openBenchPage(browser, baseUrl);
      const pids = await rendererPids(browser);
      resetWorked = resetPeaks(pids) && resetWorked;
      const before = new Map(pids.map((p) => [p, readMemory(p).rssBytes]));
      const sizesOut = await call<{ clipBytes: number; processedBytes: number }>(page, 'loadAndProcess', longUrl);
      const peaks = pids.map((p) => ({ pid: p, grew: readMemory(p).peakBytes - before.get(p)! }));
      const worker = peaks.reduce((a, b) => (b.grew > a.grew ? b : a));
      growth.push(worker.grew);
      buffers.push(sizesOut.clipBytes + sizesOut.processedBytes);
      clipOnly.push(sizesOut.clipBytes);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = await cdp.send('Performance.getMetrics');
      heap.push(metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN);
    } finally {
      await browser.close();
    }
  }
  const MB = 1024 * 1024;
  const toMb = (v: number[]) => v.map((x) => x / MB);
  const ratio = pairedRatios(growth, buffers);
  return {
    id: 6,
    name: `peak memory, ${sizes.longSeconds / 60}-minute stereo clip loaded, rendered through the chain, peaks for both views`,
    figure: { name: 'renderer process peak resident memory (VmHWM) above the idle page', unit: 'MB', value: summarize(toMb(growth)) },
    baseline: { name: 'Float32 samples of the decoded clip (A) + its render (B)', unit: 'MB', value: summarize(toMb(buffers)) },
    comparison: { kind: 'ratio', unit: '×', value: ratio },
    target: '≤ 3×',
    met: ratio.median <= 3,
    notes: [
      `ratio to the decoded clip A alone: ${pairedRatios(growth, clipOnly).median.toFixed(2)}×`,
      `JS heap used afterwards (CDP JSHeapUsedSize; AudioBuffer samples are outside it): ${summarize(toMb(heap)).median.toFixed(1)} MB`,
      resetWorked
        ? 'peak reset per run with /proc/PID/clear_refs'
        : 'could not reset the peak (clear_refs refused): peak since the renderer started',
    ],
  };
}

// ---------------------------------------------------------------- figure 7
function bundleFigure(distDir: string): FigureResult {
  const size = initialJsSize(distDir);
  const kb = size.gzipBytes / 1024;
  return {
    id: 7,
    name: 'initial JavaScript of the built app (index.html and its static imports), gzip',
    figure: { name: 'gzip bytes (node:zlib, level 6)', unit: 'KB', value: summarize([kb]) },
    baseline: null,
    comparison: null,
    target: '≤ 150 KB',
    met: kb <= 150,
    notes: [
      `${size.files.map((f) => `${f.file}: ${(f.bytes / 1024).toFixed(1)} KB raw, ${(f.gzipBytes / 1024).toFixed(1)} KB gzip`).join('; ')}`,
    ],
  };
}

// ---------------------------------------------------------------- report
function fmt(v: number, unit: string): string {
  const digits = Math.abs(v) >= 100 || unit === 'frames' ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toFixed(digits);
}
function fmtSummary(s: Summary, unit: string): string {
  return s.runs.length > 1 && s.min !== s.max
    ? `${fmt(s.median, unit)} [${fmt(s.min, unit)}–${fmt(s.max, unit)}] ${unit}`
    : `${fmt(s.median, unit)} ${unit}`;
}

function printTable(results: FigureResult[]): void {
  const rows = results.map((r) => [
    String(r.id),
    r.figure ? fmtSummary(r.figure.value, r.figure.unit) : 'not available yet',
    r.baseline ? fmtSummary(r.baseline.value, r.baseline.unit) : '—',
    r.comparison
      ? `${r.comparison.kind === 'difference' && r.comparison.value.median > 0 ? '+' : ''}${fmtSummary(r.comparison.value, r.comparison.unit)}`
      : '—',
    r.target,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const head = ['#', 'figure: median [min–max]', 'baseline', 'ratio / extra', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' │ ');
  console.log('\n' + line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const r of results) {
    console.log(`${r.id}. ${r.name}`);
    if (r.figure) console.log(`   figure: ${r.figure.name}`);
    if (r.baseline) console.log(`   baseline: ${r.baseline.name}`);
    for (const n of r.notes) console.log(`   – ${n}`);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`canyon-lab bench (${quick ? 'quick' : 'full'} mode)`);
  const work = join(tmpdir(), 'canyon-lab-bench');
  // The built page per run: two benches at once (several people share the machine) must not empty each other's.
  const benchDist = join(work, `page-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const distDir = join(repo, 'dist');

  console.log('building the app (dist/) and the bench page…');
  await build({ root: repo, logLevel: 'warn' });
  await buildBenchPages(benchDist, { bench: 'index.html', floor: 'floor.html' });
  const today = wanted(2) ? buildTodaysLab(repo, work) : { missing: 'figure 2 not asked' };
  const longWav = join(work, `long-${sizes.longSeconds}s.wav`);
  if (wanted(4) || wanted(6)) {
    console.log(`writing the ${sizes.longSeconds} s test clip to ${longWav}…`);
    await ensureLongWav(longWav, sizes.longSeconds);
  }
  const reelWav = join(work, `long-${sizes.reelSeconds}s.wav`);
  if (wanted(9) || wanted(11)) {
    console.log(`writing the ${sizes.reelSeconds} s film reel to ${reelWav}…`);
    await ensureLongWav(reelWav, sizes.reelSeconds);
  }
  // Figure 1's clip and IR, as float WAVs: the page and the peers read the same files.
  const clipWav = join(work, `render-clip-${sizes.clipSeconds}s.wav`);
  const irWav = join(work, `render-ir-${sizes.irSeconds}s.wav`);
  writeFloatWav(clipWav, burstChannels(sizes.clipSeconds));
  writeFloatWav(irWav, decayingNoiseChannels(sizes.irSeconds));
  const server = await serve(
    { '/app/': distDir, '/bench/': benchDist, ...('dist' in today ? { '/today/': today.dist } : {}) },
    { '/long.wav': longWav, '/reel.wav': reelWav, '/render-clip.wav': clipWav, '/render-ir.wav': irWav },
  );
  const longUrl = `${server.url}/long.wav`;
  const browser = await launch();
  const results: FigureResult[] = [];
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `Linux ${release()}`,
    chromium: browser.version(),
    node: process.version,
    /** 1-minute load average when the bench started and ended: other work on the machine skews timings. */
    loadAverage: { start: loadavg()[0], end: NaN },
  };
  console.log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Chromium ${machine.chromium}, Node ${machine.node}, load average ${machine.loadAverage.start.toFixed(1)}`,
  );
  try {
    const page = await openBenchPage(browser, server.url);
    const step = async (id: number, f: () => Promise<FigureResult> | FigureResult) => {
      if (!wanted(id)) return;
      const t0 = Date.now();
      process.stdout.write(`figure ${id}… `);
      const r = await f();
      results.push(r);
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };
    // Analysis first, on a fresh page: the lab runs it in a worker of its own, whose heap
    // has not just held figure 1's renders (after them it measured ~25 % slower).
    await step(3, () => analysisFigure(page));
    await step(1, () =>
      renderFigure(page, { clipWav, irWav, clipUrl: `${server.url}/render-clip.wav`, irUrl: `${server.url}/render-ir.wav` }, sizes.runs),
    );
    await step(5, () => switchFigure(page));
    await step(4, () => longViewFigure(page, longUrl));
    await step(8, () => spectrogramFigure(page, call, sizes.spectrogramSeconds, sizes.heavyRuns));
    await page.close();
    await step(2, () =>
      firstViewFigure(
        browser,
        server.url,
        sizes.pageLoads,
        sizes.warmUp,
        'dist' in today ? { url: `${server.url}/today/`, commit: TODAYS_COMMIT } : today,
      ),
    );
    await step(6, () => memoryFigure(server.url, longUrl));
    await step(7, () => bundleFigure(distDir));
    await step(9, () => longRenderFigure(server.url, `${server.url}/reel.wav`, sizes.irSeconds, sizes.memoryRuns));
    await step(10, async () => {
      // Two different files (lengths differ, so their bytes do): the lab keeps one copy of each.
      const files = [sizes.slotSeconds, sizes.slotSeconds + 1].map((seconds) => ({ path: join(work, `slot-${seconds}s.wav`), seconds }));
      for (const f of files) await ensureLongWav(f.path, f.seconds);
      return slotsFigure(launch, `${server.url}/app/`, files, sizes.memoryRuns);
    });
    // `--long-runs N`: fewer fresh-browser runs of figures 11 and 12 (minutes each on a loaded machine).
    const runsAt = args.indexOf('--long-runs');
    const longRuns = (runsAt >= 0 && Number(args[runsAt + 1])) || sizes.memoryRuns;
    const lab = { launch, appUrl: `${server.url}/app/`, runs: longRuns };
    await step(11, () => reelFigure(lab, { path: reelWav, seconds: sizes.reelSeconds }));
    await step(12, async () => {
      const [short, long] = sizes.latencySeconds.map((seconds) => join(work, `latency-${seconds}s.wav`));
      for (const [i, path] of [short, long].entries()) await ensureLongWav(path, sizes.latencySeconds[i]);
      return latencyFigure(lab, { short, long });
    });
  } finally {
    await browser.close();
    await server.close();
    rmSync(benchDist, { recursive: true, force: true });
  }
  results.sort((a, b) => a.id - b.id);
  machine.loadAverage.end = loadavg()[0];
  printTable(results);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\nbench took ${seconds.toFixed(0)} s; load average ${machine.loadAverage.start.toFixed(1)} → ${machine.loadAverage.end.toFixed(1)} on ${machine.cores} cores`,
  );
  const out = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    sizes,
    machine,
    seconds,
    figures: results,
  };
  writeFileSync(join(repo, 'bench/results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('wrote bench/results.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
