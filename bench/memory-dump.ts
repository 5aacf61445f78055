/**
 * Figure 10's composition: Chromium memory-infra dumps of the renderer (what each allocator
 * holds: V8 heaps of the page and each worker, PartitionAlloc's array buffers, Skia, Blink)
 * at the steps of figure 10 in the built lab, then with every isolate collected and 5 s later
 * (freed pages are given back late), MB. Run after `npm run build`:
 * [DIST=dir] npx tsx bench/memory-dump.ts [SECONDS…] (default 60 61: one file per extra slot).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession } from 'playwright';
import { launch } from './driver';
import { serve } from './server';
import { addOwnSourceSlot, collectGarbage, giveSlotFile, openSettledLab } from './slots-figure';
import { ensureLongWav } from './wav';

const MB = 1024 * 1024;
const seconds = process.argv.slice(2).map(Number);
const work = mkdtempSync(join(tmpdir(), 'canyon-dump-'));
const files = (seconds.length ? seconds : [60, 61]).map((s) => ({ path: join(work, `slot-${s}s.wav`), seconds: s }));
for (const f of files) await ensureLongWav(f.path, f.seconds);

interface Dump {
  pid: number;
  args?: {
    dumps?: { allocators?: Record<string, { attrs?: Record<string, { value: string }> }>; process_totals?: Record<string, string> };
  };
  ph: string;
  name?: string;
}

/** One detailed dump of every process: per process, allocator name → MB (top-level allocators and a few children). */
async function dump(cdp: CDPSession): Promise<Map<number, Map<string, number>>> {
  const events: Dump[] = [];
  // Playwright types only its own CDP events: the tracing ones are subscribed through a loose view of the session.
  const session = cdp as unknown as {
    on(name: string, f: (e: { value: Dump[] }) => void): void;
    off(name: string, f: (e: { value: Dump[] }) => void): void;
    once(name: string, f: () => void): void;
  };
  const collect = (e: { value: Dump[] }) => events.push(...e.value);
  session.on('Tracing.dataCollected', collect);
  const done = new Promise<void>((r) => session.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], memoryDumpConfig: { triggers: [] } },
    transferMode: 'ReportEvents',
  } as never);
  await cdp.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' } as never);
  await cdp.send('Tracing.end');
  await done;
  session.off('Tracing.dataCollected', collect);
  const out = new Map<number, Map<string, number>>();
  for (const e of events) {
    const d = e.args?.dumps;
    if (e.ph !== 'v' || !d?.allocators) continue;
    const m = out.get(e.pid) ?? new Map<string, number>();
    const resident = d.process_totals?.resident_set_bytes;
    if (resident) m.set('RSS', parseInt(resident, 16) / MB);
    for (const [name, a] of Object.entries(d.allocators)) {
      const size = a.attrs?.size?.value;
      if (!size) continue;
      const depth = name.split('/').length;
      if (
        depth <= 2 ||
        /^v8\/[^/]+\/heap$/.test(name) ||
        /^partition_alloc\/partitions\/[^/]+$/.test(name) ||
        /^v8\/workers\/[^/]+$/.test(name) ||
        /^v8\/[^/]+\/heap\/[^/]+$/.test(name) ||
        /^v8\/workers\/[^/]+\/heap\/[^/]+$/.test(name)
      )
        m.set(name, (m.get(name) ?? 0) + parseInt(size, 16) / MB);
    }
    out.set(e.pid, m);
  }
  return out;
}

const server = await serve({ '/app/': resolve(process.env.DIST ?? 'dist') }, {});
const browser = await launch();
try {
  const cdp = await browser.newBrowserCDPSession();
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const settled = await openSettledLab(page, `${server.url}/app/`);
  const steps: [string, Map<number, Map<string, number>>][] = [['settled page, collected', await dump(cdp)]];
  for (const [i, file] of files.entries()) {
    await addOwnSourceSlot(page, i + 2);
    await giveSlotFile(page, i + 2, file.path);
    steps.push([`file ${i + 1} in its slot`, await dump(cdp)]);
    // Dumps while the slot is measured and drawn, until the page settles.
    const done = settled().then(() => true);
    for (let k = 1; !(await Promise.race([done, page.waitForTimeout(50).then(() => false)])); k++)
      steps.push([`file ${i + 1} +${k}`, await dump(cdp)]);
    steps.push([`file ${i + 1} settled`, await dump(cdp)]);
  }
  await collectGarbage(page);
  steps.push(['every isolate collected at the end', await dump(cdp)]);
  // Freed pages go back to the system a few seconds later.
  await page.waitForTimeout(5000);
  steps.push(['5 s later', await dump(cdp)]);
  // The renderer: the process with the largest V8 heaps.
  const pid = [...steps[1][1].entries()].reduce((a, b) => ((b[1].get('v8') ?? 0) > (a[1].get('v8') ?? 0) ? b : a))[0];
  const names = [...new Set(steps.flatMap(([, d]) => [...(d.get(pid)?.keys() ?? [])]))].sort();
  console.log(['allocator (MB)'.padEnd(30), ...steps.map(([s]) => s.slice(0, 10).padStart(11))].join(''));
  for (const n of names) {
    const row = steps.map(([, d]) => d.get(pid)?.get(n) ?? 0);
    if (Math.max(...row) < 0.5) continue;
    console.log(
      [n.replace('partition_alloc/partitions', 'pa').slice(0, 29).padEnd(30), ...row.map((v) => v.toFixed(1).padStart(11))].join(''),
    );
  }
} finally {
  await browser.close();
  await server.close();
}
