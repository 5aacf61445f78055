/**
 * Figure 10's accounting: the renderer's resident memory sampled every few milliseconds
 * while figure 10's steps run in the built lab (add a slot, give it its own file), with
 * what the page did meanwhile (files read, decodes, messages to workers with the bytes they
 * carried) on the same clock, so each rise of the peak has a cause. Run after `npm run build`:
 * [FIGURE=1] npx tsx bench/memory-steps.ts [SECONDS…] (default 60 61: one file per extra slot).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './driver';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { serve } from './server';
import { addOwnSourceSlot, collectGarbage, giveSlotFile, openInstrumentedLab } from './slots-figure';
import { ensureLongWav } from './wav';

const MB = 1024 * 1024;
// FIGURE=1: the figure's own steps (no garbage collected between the files), else each file above a collected page.
const asFigure = process.env.FIGURE === '1';
const seconds = process.argv.slice(2).map(Number);
// Each extra slot's file: one per argument, 60 and 61 s by default.
const work = mkdtempSync(join(tmpdir(), 'canyon-memory-'));
const files = (seconds.length ? seconds : [60, 61]).map((s) => ({ path: join(work, `slot-${s}s.wav`), seconds: s }));
for (const f of files) await ensureLongWav(f.path, f.seconds);

/** Wraps, in the page and its workers' creators, what allocates or moves whole clips: logged with Date.now(). */
function instrument(): void {
  const log: [number, string][] = [];
  (globalThis as unknown as { memoryLog: typeof log }).memoryLog = log;
  const note = (what: string) => log.push([Date.now(), what]);
  const bytesOf = (x: unknown, seen = new Set<unknown>()): number => {
    if (!x || typeof x !== 'object' || seen.has(x)) return 0;
    seen.add(x);
    if (x instanceof ArrayBuffer) return x.byteLength;
    if (ArrayBuffer.isView(x)) return x.byteLength;
    if (x instanceof Blob) return 0;
    return Object.values(x).reduce<number>((s, v) => s + bytesOf(v, seen), 0);
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped below, called with its own receiver
  const post = Worker.prototype.postMessage;
  const names = new WeakMap<Worker, string>();
  let last = '';
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    const n = bytesOf(message);
    const type = (message as { type?: string } | null)?.type ?? typeof message;
    const what = `→ ${names.get(this) ?? 'worker'} ${type}`;
    if (n > 1024 * 1024 || what !== last) note(`${what} ${(n / 2 ** 20).toFixed(2)} MB`);
    last = what;
    return (post as (...a: unknown[]) => void).call(this, message, ...rest);
  } as typeof post;
  const NativeWorker = Worker;
  globalThis.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      names.set(
        this,
        String(url)
          .split('/')
          .pop()!
          .replace(/-[\w-]{8}\.js$/, ''),
      );
      note(`new Worker ${String(url).split('/').pop()}`);
      this.addEventListener('message', (e: MessageEvent) => {
        const n = bytesOf(e.data);
        if (n > 4 * 1024 * 1024) note(`worker → page ${(n / 2 ** 20).toFixed(1)} MB from ${String(url).split('/').pop()}`);
      });
    }
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped below, called with its own receiver
  const arrayBuffer = Blob.prototype.arrayBuffer;
  Blob.prototype.arrayBuffer = async function (this: Blob) {
    note(`Blob.arrayBuffer ${(this.size / 2 ** 20).toFixed(1)} MB`);
    const r = await arrayBuffer.call(this);
    note(`Blob.arrayBuffer done`);
    return r;
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped below, called with its own receiver
  const decode = BaseAudioContext.prototype.decodeAudioData;
  BaseAudioContext.prototype.decodeAudioData = async function (this: BaseAudioContext, data: ArrayBuffer) {
    note(`decodeAudioData ${(data.byteLength / 2 ** 20).toFixed(1)} MB`);
    const r = await decode.call(this, data);
    note(`decodeAudioData done`);
    return r;
  };
}

const server = await serve({ '/app/': resolve('dist') }, {});
const browser = await launch();
try {
  const { page, settled } = await openInstrumentedLab(browser, `${server.url}/app/`, instrument);
  const pids = await rendererPids(browser);
  const pid = pids.map((p) => ({ p, rss: readMemory(p).rssBytes })).reduce((a, b) => (b.rss > a.rss ? b : a)).p;
  resetPeaks([pid]);
  const base = readMemory(pid).rssBytes;
  const samples: [number, number][] = [];
  const timer = setInterval(() => samples.push([Date.now(), readMemory(pid).rssBytes]), 5);
  const marks: [number, string][] = [[Date.now(), 'settled page']];
  for (const [i, file] of files.entries()) {
    await addOwnSourceSlot(page, i + 2);
    if (!asFigure) {
      await settled();
      await collectGarbage(page);
    }
    marks.push([Date.now(), `slot ${i + 3} added${asFigure ? '' : ', garbage collected'}`]);
    const given = giveSlotFile(page, i + 2, file.path);
    marks.push([Date.now(), `file ${i + 1} given`]);
    await given;
    marks.push([Date.now(), `file ${i + 1} in its slot`]);
    await settled();
    marks.push([Date.now(), `settled`]);
  }
  await page.waitForTimeout(2000);
  clearInterval(timer);
  const peak = readMemory(pid).peakBytes;
  const log = await page.evaluate(() => [
    ...(globalThis as unknown as { memoryLog: [number, string][] }).memoryLog,
    // The lab's own marks (decoded, surveyed, measured, landed, peaks drawn) on the same clock.
    ...performance
      .getEntriesByType('mark')
      .map((m): [number, string] => [Math.round(performance.timeOrigin + m.startTime), `mark ${m.name}`]),
  ]);
  const events = [...marks.map(([t, w]) => [t, `== ${w}`] as const), ...log.filter(([t]) => t >= marks[0][0])].sort((a, b) => a[0] - b[0]);
  const t0 = marks[0][0];
  const at = (t: number) => samples.findLast(([s]) => s <= t)?.[1] ?? base;
  const maxBetween = (a: number, b: number) => Math.max(...samples.filter(([s]) => s >= a && s < b).map(([, r]) => r), at(a));
  for (const [k, [t, what]] of events.entries()) {
    const next = events[k + 1]?.[0] ?? samples.at(-1)![0];
    console.log(
      `${String(t - t0).padStart(6)} ms  rss ${((at(t) - base) / MB).toFixed(1).padStart(6)}  max until next ${((maxBetween(t, next) - base) / MB).toFixed(1).padStart(6)}  ${what}`,
    );
  }
  console.log(
    `VmHWM above settled: ${((peak - base) / MB).toFixed(1)} MB; now ${((readMemory(pid).rssBytes - base) / MB).toFixed(1)} MB; decoded: ${(files.reduce((s, f) => s + f.seconds * 48_000 * 8, 0) / MB).toFixed(1)} MB`,
  );
} finally {
  await browser.close();
  await server.close();
}
