/**
 * Which code allocates the page's large typed arrays while figure 10's two files are added
 * (the main thread only): typed-array constructors and slice() wrapped, MB per call site.
 * Run after `npm run build`: [DIST=dir] npx tsx bench/alloc-sites.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './driver';
import { serve } from './server';
import { addOwnSourceSlot, giveSlotFile, openInstrumentedLab } from './slots-figure';
import { ensureLongWav } from './wav';

const work = mkdtempSync(join(tmpdir(), 'canyon-alloc-'));
const files = [60, 61].map((s) => ({ path: join(work, `slot-${s}s.wav`), seconds: s }));
for (const f of files) await ensureLongWav(f.path, f.seconds);

function instrument(): void {
  const sites = new Map<string, number>();
  (globalThis as unknown as { allocSites: typeof sites }).allocSites = sites;
  const note = (bytes: number) => {
    if (bytes < 64 * 1024) return;
    const stack = (new Error().stack ?? '')
      .split('\n')
      .slice(3, 6)
      .map((l) => l.trim().replace(/\(?https?:\/\/[^/]+\/app\//, '('))
      .join(' < ');
    sites.set(stack, (sites.get(stack) ?? 0) + bytes);
  };
  for (const T of [Float32Array, Float64Array, Int16Array, Uint8Array, Int32Array]) {
    const proxy = new Proxy(T, {
      construct(target, args: unknown[]) {
        if (typeof args[0] === 'number') note(args[0] * target.BYTES_PER_ELEMENT);
        else if (Array.isArray(args[0]) || (ArrayBuffer.isView(args[0]) && !(args[0] instanceof DataView)))
          note((args[0] as ArrayLike<number>).length * target.BYTES_PER_ELEMENT);
        return Reflect.construct(target, args) as object;
      },
    });
    (globalThis as Record<string, unknown>)[T.name] = proxy;
    const proto = T.prototype as unknown as { slice: (this: ArrayBufferView, ...a: unknown[]) => ArrayBufferView };

    const slice = proto.slice;
    proto.slice = function (this: ArrayBufferView, ...a: unknown[]) {
      const r = slice.apply(this, a);
      note(r.byteLength);
      return r;
    };
  }
  const AB = ArrayBuffer;
  (globalThis as Record<string, unknown>).ArrayBuffer = new Proxy(AB, {
    construct(target, args: [number]) {
      note(args[0]);
      return Reflect.construct(target, args);
    },
  });
}

const server = await serve({ '/app/': resolve(process.env.DIST ?? 'dist') }, {});
const browser = await launch();
try {
  const { page, settled } = await openInstrumentedLab(browser, `${server.url}/app/`, instrument);
  await page.evaluate(() => (globalThis as unknown as { allocSites: Map<string, number> }).allocSites.clear());
  for (const [i, file] of files.entries()) {
    await addOwnSourceSlot(page, i + 2);
    await giveSlotFile(page, i + 2, file.path);
    await settled();
  }
  const sites = await page.evaluate(() => [...(globalThis as unknown as { allocSites: Map<string, number> }).allocSites.entries()]);
  sites.sort((a, b) => b[1] - a[1]);
  console.log(`total ${(sites.reduce((s, [, b]) => s + b, 0) / 2 ** 20).toFixed(1)} MB in large typed arrays on the page`);
  for (const [site, bytes] of sites.slice(0, 25)) console.log(`${(bytes / 2 ** 20).toFixed(1).padStart(7)} MB  ${site}`);
} finally {
  await browser.close();
  await server.close();
}
