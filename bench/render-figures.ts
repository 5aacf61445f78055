/**
 * The render figures, driven from Node.
 *
 * 1. The lab's offline render of B (renderProcessedFast) of a stereo clip through a
 *    stereo IR, compressor on and 60 % wet, against the peers a user would otherwise pick
 *    — scipy.signal.fftconvolve and ffmpeg's afir — on the same WAV files, each run the lab
 *    (a re-render, then a clip's first render) and then each peer, so the per-run ratios
 *    compare work done under the same load; CPU times beside the wall times. Also the
 *    browser's own render of the chain (ConvolverNode), which the lab used before.
 *    Target: ≥ 100× real time and faster than both peers.
 * 8. A film reel (20 minutes of stereo) rendered the same way, in a fresh browser per run:
 *    time, the renderer process's peak memory during the render (workers are threads of
 *    that process), and the longest main-thread task meanwhile.
 */
import type { Page } from 'playwright';
import { call, launch, openBenchPage, type FigureResult } from './driver';
import { traceMainThread, type MainThreadTasks } from './main-thread-trace';
import { timeFfmpeg, timeScipy, type PeerTiming } from './peers';
import { cpuMs } from './process-cpu';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { pairedRatios, summarize, type Summary } from './stats';
import type { RenderTiming } from './page/render-figure';
import type { LongRenderTiming } from './page/long-render-figure';

export interface RenderFiles {
  clipWav: string;
  irWav: string;
  clipUrl: string;
  irUrl: string;
}

const median = (values: number[]) => summarize(values).median;
/** /proc's CPU time resolution (USER_HZ = 100). */
const CPU_TICK_MS = 10;
const range = (s: Summary, digits = 0) => `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;

export async function renderFigure(page: Page, files: RenderFiles, runs: number): Promise<FigureResult> {
  const { clipSeconds, irSeconds } = await call<{ clipSeconds: number; irSeconds: number }>(
    page,
    'loadRenderMaterial',
    files.clipUrl,
    files.irUrl,
  );
  await call<RenderTiming>(page, 'timeLabRender'); // warm-up: workers start, WebAssembly compiles
  await call<RenderTiming>(page, 'timeNodeRender');
  const browser = page.context().browser();
  const pids = browser ? await rendererPids(browser) : [];
  const [lab, labCpu, cold, coldCpu, nodes, labNoCompressor, stage]: number[][] = [[], [], [], [], [], [], []];
  const peerRuns: PeerTiming[][] = [];
  let rendered = 0;
  // Per run, the lab and both peers one after the other: under a load that others vary, each run's ratio compares like with like.
  for (let i = 0; i < runs; i++) {
    await call<undefined>(page, 'prepareLabRender', true);
    let cpu0 = cpuMs(pids);
    const t = await call<RenderTiming>(page, 'timeLabRender');
    labCpu.push(cpuMs(pids) - cpu0);
    lab.push(t.ms);
    rendered = t.renderedSeconds;
    await call<undefined>(page, 'prepareLabRender', false);
    cpu0 = cpuMs(pids);
    cold.push((await call<RenderTiming>(page, 'timeLabRender')).ms);
    coldCpu.push(cpuMs(pids) - cpu0);
    peerRuns.push([timeScipy(files.clipWav, files.irWav, 1), timeFfmpeg(files.clipWav, files.irWav, irSeconds, 1)]);
    nodes.push((await call<RenderTiming>(page, 'timeNodeRender')).ms);
    await call<undefined>(page, 'prepareLabRender', true);
    labNoCompressor.push((await call<RenderTiming>(page, 'timeLabRender', false)).ms);
    stage.push(await call<number>(page, 'timeCompressorStage'));
  }
  const differenceDb = await call<number>(page, 'renderDifferenceDb');
  const peers = peerRuns[0].map((_, k) => joinRuns(peerRuns.map((r) => r[k])));

  const labS = summarize(lab);
  const realtime = (rendered * 1000) / labS.median;
  const measured = peers.filter((p) => p.runsMs !== null);
  const first = measured[0];
  const coldS = summarize(cold);
  // Met only if the first render of a clip beats both peers too: faster in wall time (medians and paired), as the
  // issue asks, and not measurably more CPU — the lab's two workers spend CPU in parallel, and /proc counts it in
  // 10 ms ticks, so a difference under one tick cannot be told from none.
  const beats = (times: number[], cpu: number[], p: PeerTiming) =>
    summarize(times).median < median(p.runsMs!) &&
    pairedRatios(times, p.runsMs!).median < 1 &&
    median(cpu) < median(p.cpuMs!) + CPU_TICK_MS;
  const fasterThanPeers = measured.every((p) => beats(lab, labCpu, p) && beats(cold, coldCpu, p));
  return {
    id: 1,
    name: `offline render of B (renderProcessedFast: compressor + FFT convolution in workers), ${clipSeconds} s stereo clip, ${irSeconds} s stereo IR`,
    figure: { name: 'renderProcessedFast re-render (a slider moved), call to B and its measurements in hand', unit: 'ms', value: labS },
    baseline: first ? { name: `${first.name} of the same WAV files`, unit: 'ms', value: summarize(first.runsMs!) } : null,
    comparison: first ? { kind: 'ratio', unit: '×', value: pairedRatios(lab, first.runsMs!) } : null,
    target: '≥ 100× real time, and faster than scipy and ffmpeg',
    met: realtime >= 100 && fasterThanPeers && measured.length === peers.length,
    notes: [
      `real time factor: ${realtime.toFixed(0)}× (${rendered.toFixed(2)} s of audio in ${labS.median.toFixed(0)} ms)`,
      ...peers.map((p) =>
        p.runsMs
          ? `${p.name}: ${range(summarize(p.runsMs))} ms, the lab's ratio to it ${range(pairedRatios(lab, p.runsMs), 2)} (${p.note})`
          : `${p.name}: ${p.note}`,
      ),
      `the lab's first render of a clip (a new buffer for B, an IR the workers have not seen): ${range(coldS)} ms, ${((rendered * 1000) / coldS.median).toFixed(0)}× real time${measured
        .map((p) => `; ratio to ${p.name} ${range(pairedRatios(cold, p.runsMs!), 2)}`)
        .join('')}`,
      `CPU time per render (all threads; the machine's load stretches wall time, not this): lab re-render ${range(summarize(labCpu))} ms, first render ${range(summarize(coldCpu))} ms (renderer process, 10 ms ticks)${peers
        .map((p) => (p.cpuMs ? `, ${p.name} ${range(summarize(p.cpuMs))} ms` : ''))
        .join('')}`,
      `the browser's render of the same chain (ConvolverNode, renderProcessedByNodes): ${range(summarize(nodes))} ms; the lab is ${range(pairedRatios(nodes, lab), 1)}× faster`,
      `of the lab's time: the compressor's offline render ${range(summarize(stage))} ms; the same render with the compressor off ${range(summarize(labNoCompressor))} ms`,
      `largest sample difference, lab vs ConvolverNode render: ${differenceDb === -Infinity ? 'none' : `${differenceDb.toFixed(1)} dB re peak`}`,
    ],
  };
}

export async function longRenderFigure(baseUrl: string, reelUrl: string, irSeconds: number, runs: number): Promise<FigureResult> {
  // Per run: wall time, memory growth, B's bytes.
  const [times, growth, processed]: number[][] = [[], [], []];
  const timings: LongRenderTiming[] = [];
  const traced: MainThreadTasks[] = [];
  let reelSeconds = 0;
  let clipBytes = 0;
  for (let i = 0; i < runs; i++) {
    const browser = await launch();
    try {
      const page = await openBenchPage(browser, baseUrl);
      const reel = await call<{ seconds: number; bytes: number }>(page, 'loadReel', reelUrl);
      reelSeconds = reel.seconds;
      clipBytes = reel.bytes;
      const pids = await rendererPids(browser);
      resetPeaks(pids);
      const before = new Map(pids.map((p) => [p, readMemory(p).rssBytes]));
      const { result: t, main } = await traceMainThread(browser, page, () => call<LongRenderTiming>(page, 'timeLongRender', irSeconds));
      traced.push(main);
      growth.push(Math.max(...pids.map((p) => readMemory(p).peakBytes - before.get(p)!)));
      times.push(t.ms);
      processed.push(t.processedBytes);
      timings.push(t);
    } finally {
      await browser.close();
    }
  }
  const MB = 2 ** 20;
  const t = summarize(times);
  const rendered = reelSeconds + irSeconds;
  const longest = Math.max(...timings.map((x) => x.longestTaskMs));
  const stall = Math.max(...timings.map((x) => x.longestStallMs));
  return {
    id: 9,
    name: `film reel: ${(reelSeconds / 60).toFixed(reelSeconds < 60 ? 2 : 0)}-minute stereo clip (48 kHz) rendered through a ${irSeconds} s stereo IR, compressor on`,
    figure: { name: 'renderProcessedFast, call to B in hand', unit: 'ms', value: t },
    baseline: null,
    comparison: null,
    target: 'no main-thread task ≥ 100 ms during the render',
    met: longest < 100 && stall < 100,
    notes: [
      `real time factor: ${((rendered * 1000) / t.median).toFixed(0)}× (${rendered.toFixed(0)} s of audio)`,
      `longest main-thread task (Long Tasks API, ≥ 50 ms reported): ${longest ? `${longest.toFixed(0)} ms` : 'none reported'}; longest gap of a 5 ms heartbeat: ${stall.toFixed(0)} ms`,
      `main-thread tasks in a trace of each run: longest ${traced.map((m) => m.longestWallMs.toFixed(0)).join(', ')} ms wall, ${traced.map((m) => m.longestCpuMs.toFixed(0)).join(', ')} ms CPU; all tasks together ${traced.map((m) => m.totalCpuMs.toFixed(0)).join(', ')} ms CPU`,
      `renderer process peak memory above the page holding the decoded clip: ${range(summarize(growth.map((g) => g / MB)))} MB; B's samples ${(median(processed) / MB).toFixed(0)} MB, the clip's (A) ${(clipBytes / MB).toFixed(0)} MB`,
      `progress reported ${timings.map((x) => x.progressReports).join(', ')} times, last value ${timings.map((x) => x.lastProgress).join(', ')}`,
    ],
  };
}

/** One peer's runs, each timed on its own, as one timing. */
function joinRuns(runs: PeerTiming[]): PeerTiming {
  const failed = runs.find((r) => r.runsMs === null);
  if (failed) return failed;
  return { ...runs[0], runsMs: runs.flatMap((r) => r.runsMs!), cpuMs: runs.flatMap((r) => r.cpuMs ?? []) };
}
