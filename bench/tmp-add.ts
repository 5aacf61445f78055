import { resolve } from 'node:path';
import { launch } from './driver';
import { readMemory, rendererPids } from './process-memory';
import { serve } from './server';
import { collectGarbage, openSettledLab } from './slots-figure';
const MB = 1024 * 1024;
const server = await serve({ '/app/': resolve(process.env.DIST ?? 'dist') }, {});
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const settled = await openSettledLab(page, `${server.url}/app/`);
  const pids = await rendererPids(browser);
  const pid = pids.map((p) => ({ p, rss: readMemory(p).rssBytes })).reduce((a, b) => (b.rss > a.rss ? b : a)).p;
  const base = readMemory(pid).rssBytes;
  const r = (w: string) => console.log(w.padEnd(30), ((readMemory(pid).rssBytes - base) / MB).toFixed(1));
  for (let k = 0; k < 4; k++) {
    await page.getByRole('button', { name: '+ Add a slot' }).click(); await settled(); await page.waitForTimeout(500);
    r(`added slot ${k + 3}`);
    await collectGarbage(page); await page.waitForTimeout(3000);
    r(`  collected`);
  }
} finally {
  await browser.close();
  await server.close();
}
