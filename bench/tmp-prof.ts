import { resolve } from 'node:path';
import { launch } from './driver';
import { serve } from './server';
import { openSettledLab, addOwnSourceSlot, giveSlotFile } from './slots-figure';
import { ensureLongWav } from './wav';
const server = await serve({ '/app/': resolve(process.env.DIST ?? 'dist') }, {});
const browser = await launch();
await ensureLongWav('/tmp/slot-60s.wav', 60);
type Node = { callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; selfSize: number; children: Node[]; id: number };
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const settled = await openSettledLab(page, `${server.url}/app/`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 2048, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  if (process.env.STEP === 'file') { await addOwnSourceSlot(page, 2); await giveSlotFile(page, 2, '/tmp/slot-60s.wav'); }
  else await page.getByRole('button', { name: '+ Add a slot' }).click();
  await settled(); await page.waitForTimeout(500);
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: Node } };
  const by = new Map<string, number>();
  let total = 0;
  const walk = (n: Node, stack: string[]) => {
    const f = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
    const s = [f, ...stack].slice(0, 3).join(' < ');
    if (n.selfSize) { by.set(s, (by.get(s) ?? 0) + n.selfSize); total += n.selfSize; }
    for (const c of n.children) walk(c, [f, ...stack].slice(0, 3));
  };
  walk(profile.head, []);
  console.log('total MB', (total / 2 ** 20).toFixed(1));
  for (const [s, b] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((b / 2 ** 20).toFixed(2).padStart(7), s);
} finally {
  await browser.close();
  await server.close();
}
