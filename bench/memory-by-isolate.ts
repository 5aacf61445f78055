/**
 * Figure 10's garbage, isolate by isolate: figure 10's steps in the built lab (its protocol), then
 * the renderer's resident MB above the settled page after the page's gc(), after each worker's
 * gc() in turn (workers have it too under --expose-gc) and 5 s later. What a worker's gc frees
 * is garbage that worker held. BASE=all collects every worker at the baseline too (the figure
 * collects the page's heap only). Run after `npm run build`:
 * npx tsx bench/memory-by-isolate.ts [DIST] [RUNS]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import { launch } from './driver';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { serve } from './server';
import { addOwnSourceSlot, giveSlotFile, openSettledLab } from './slots-figure';
import { ensureLongWav } from './wav';
const MB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'canyon-gc-'));
const files = [60, 61].map((s) => ({ path: join(work, `slot-${s}s.wav`), seconds: s }));
for (const f of files) await ensureLongWav(f.path, f.seconds);
const server = await serve({ '/app/': resolve(process.argv[2] ?? 'dist') }, {});
const gcPage = (page: Page) => page.evaluate(() => (globalThis as unknown as { gc: () => void }).gc());
const gcWorkers = async (page: Page) => {
  for (const w of page.workers()) await w.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.()).catch(() => {});
};
for (let run = 0; run < Number(process.argv[3] ?? 3); run++) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const settled = await openSettledLab(page, `${server.url}/app/`);
    if (process.env.BASE === 'all') {
      await gcWorkers(page);
      await gcPage(page);
      await page.waitForTimeout(500);
    }
    const pids = await rendererPids(browser);
    resetPeaks(pids);
    const before = new Map(pids.map((p) => [p, readMemory(p).rssBytes]));
    const pid = pids.map((p) => ({ p, rss: readMemory(p).rssBytes })).reduce((a, b) => (b.rss > a.rss ? b : a)).p;
    const row: string[] = [];
    const note = (what: string) => row.push(`${what} ${((readMemory(pid).rssBytes - before.get(pid)!) / MB).toFixed(1)}`);
    for (const [i, file] of files.entries()) {
      await addOwnSourceSlot(page, i + 2);
      await giveSlotFile(page, i + 2, file.path);
      await settled();
      note(`f${i + 1}`);
    }
    const peak = (readMemory(pid).peakBytes - before.get(pid)!) / MB;
    await gcPage(page);
    await page.waitForTimeout(300);
    note('pagegc');
    for (const w of page.workers()) {
      await w.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.()).catch(() => {});
      await page.waitForTimeout(300);
      note(w.url().split('/').pop()!.slice(0, 14));
    }
    await gcWorkers(page);
    await gcPage(page);
    await page.waitForTimeout(300);
    note('allgc');
    await page.waitForTimeout(5000);
    note('+5s');
    console.log(`peak ${peak.toFixed(1)} | ${row.join(' | ')} | workers ${page.workers().length}`);
  } finally {
    await browser.close();
  }
}
await server.close();
