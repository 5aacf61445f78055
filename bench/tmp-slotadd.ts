import { resolve } from 'node:path';
import type { CDPSession } from 'playwright';
import { launch } from './driver';
import { serve } from './server';
import { collectGarbage, openSettledLab } from './slots-figure';
const MB = 1024 * 1024;
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
      if (process.env.ALL && parseInt(size, 16) > 1.5 * MB) m.set('ALL ' + name, parseInt(size, 16) / MB);
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
  const page = await browser.newPage({ viewport: { width: 1366, height: Number(process.env.VH ?? 900) } });
  const settled = await openSettledLab(page, `${server.url}/app/`);
  const steps: [string, Map<number, Map<string, number>>][] = [['settled', await dump(cdp)]];
  await page.getByRole('button', { name: '+ Add a slot' }).click(); await settled(); await page.waitForTimeout(300);
  steps.push(['added', await dump(cdp)]);
  await page.getByTestId('slot-row').nth(2).getByRole('button', { name: /show its settings/ }).click(); await settled(); await page.waitForTimeout(300);
  steps.push(['shown', await dump(cdp)]);
  await page.getByRole('checkbox', { name: /Same source as/ }).uncheck(); await settled(); await page.waitForTimeout(300);
  steps.push(['untick', await dump(cdp)]);
  await page.getByRole('button', { name: '+ Add a slot' }).click(); await settled(); await page.waitForTimeout(300);
  steps.push(['added4', await dump(cdp)]);
  await page.getByTestId('slot-row').nth(3).getByRole('button', { name: /show its settings/ }).click(); await settled(); await page.waitForTimeout(300);
  steps.push(['shown4', await dump(cdp)]);
  await collectGarbage(page);
  steps.push(['gc', await dump(cdp)]);
  const pid = [...steps[1][1].entries()].reduce((a, b) => ((b[1].get('v8') ?? 0) > (a[1].get('v8') ?? 0) ? b : a))[0];
  const names = [...new Set(steps.flatMap(([, d]) => [...(d.get(pid)?.keys() ?? [])]))].sort();
  console.log(['allocator (MB)'.padEnd(30), ...steps.map(([s]) => s.slice(0, 10).padStart(11))].join(''));
  for (const n of names) {
    const row = steps.map(([, d]) => d.get(pid)?.get(n) ?? 0);
    if (Math.max(...row) - Math.min(...row) < 0.4) continue;
    console.log([n.replace('partition_alloc/partitions', 'pa').slice(0, 29).padEnd(30), ...row.map((v) => v.toFixed(1).padStart(11))].join(''));
  }
} finally {
  await browser.close();
  await server.close();
}
