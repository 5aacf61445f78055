/**
 * Figure 10's protocol on several builds of the lab, alternated run by run (a fresh browser
 * each), so that a change is compared with main under the same collectors' luck: one run's
 * peak spreads ±10–25 MB with when they run. Prints, per run, the renderer's resident MB
 * above the settled page (every isolate collected) after each file and the peak, then per
 * build the median and range of the peak as figure 10 reads it (right after the last file
 * settled). Build each first (`npx vite build --outDir …`), then:
 * npx tsx bench/slots-alternate.ts DIST[,DIST…] [RUNS per build, default 3]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './driver';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { serve } from './server';
import { addOwnSourceSlot, giveSlotFile, openSettledLab } from './slots-figure';
import { summarize } from './stats';
import { ensureLongWav } from './wav';

const MB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'canyon-alternate-'));
const files = [60, 61].map((s) => ({ path: join(work, `slot-${s}s.wav`), seconds: s }));
for (const f of files) await ensureLongWav(f.path, f.seconds);
const dists = (process.argv[2] ?? 'dist').split(',');
const runs = Number(process.argv[3] ?? 3);
const server = await serve(Object.fromEntries(dists.map((d, i) => [`/app${i}/`, resolve(d)])), {});
const peaks = dists.map((): number[] => []);
try {
  for (let r = 0; r < runs * dists.length; r++) {
    const d = r % dists.length;
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      const settled = await openSettledLab(page, `${server.url}/app${d}/`);
      const pids = await rendererPids(browser);
      const pid = pids.map((p) => ({ p, rss: readMemory(p).rssBytes })).reduce((a, b) => (b.rss > a.rss ? b : a)).p;
      resetPeaks([pid]);
      const base = readMemory(pid).rssBytes;
      const above = (bytes: number) => ((bytes - base) / MB).toFixed(1);
      const row: string[] = [];
      for (const [i, file] of files.entries()) {
        await addOwnSourceSlot(page, i + 2);
        await giveSlotFile(page, i + 2, file.path);
        await settled();
        const m = readMemory(pid);
        row.push(`file ${i + 1} settled: now ${above(m.rssBytes)}, peak ${above(m.peakBytes)}`);
      }
      peaks[d].push((readMemory(pid).peakBytes - base) / MB);
      // What comes after the figure (the deferred hashes once the lab is quiet) is not in it, but is shown.
      await page.waitForTimeout(1500);
      row.push(`+1.5 s: peak ${above(readMemory(pid).peakBytes)}`);
      console.log(`${dists[d]} run ${Math.floor(r / dists.length) + 1}: ${row.join(' | ')}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
for (const [d, values] of peaks.entries()) {
  const s = summarize(values);
  console.log(`${dists[d]}: peak ${s.median.toFixed(1)} [${s.min.toFixed(1)}–${s.max.toFixed(1)}] MB, ${values.length} runs`);
}
