/**
 * Figure 10: what an extra dry slot costs in the built lab. Two slots are added to the
 * default two, each with its own file (two different WAVs the user picks), and the
 * renderer's peak resident memory above the settled page is compared with the Float32
 * samples those two clips would hold decoded: the issue's bound of one decoded copy per slot.
 */
import type { Browser, Page } from 'playwright';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { pairedRatios, summarize } from './stats';
import type { FigureResult } from './driver';

const LAB_RATE = 48_000;
const CHANNELS = 2;
const MB = 1024 * 1024;

/**
 * Open the lab, wait until it has settled and collect its garbage: the settled page still
 * holds the default slots' (renders, measurements), and a peak measured above an uncollected
 * page hid whatever reused it (28 MB one day, 102 the next). Returns "wait until settled".
 */
export async function openSettledLab(page: Page, appUrl: string): Promise<() => Promise<unknown>> {
  await page.goto(appUrl);
  const settled = () => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 120_000 });
  await page.getByRole('heading', { name: 'A: original' }).waitFor();
  await settled();
  await collectGarbage(page);
  return settled;
}

/** The lab in a new page with `instrument` run before its scripts, opened and settled (openSettledLab). */
export async function openInstrumentedLab(browser: Browser, appUrl: string, instrument: () => void) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  // tsx names functions with a helper the page lacks.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(instrument);
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  return { page, settled: await openSettledLab(page, appUrl) };
}

/**
 * Collect the page's garbage and every worker's: gc() in the page collects its own heap only,
 * and what a worker held at the baseline (45–54 MB of clip copies in the idle visual worker on
 * main 64ed7ea, bench/memory-by-isolate.ts) was freed during the figure whenever that worker
 * next collected or ended, and taken off the dry slots' cost.
 */
export async function collectGarbage(page: Page): Promise<void> {
  for (const w of page.workers()) await w.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.()).catch(() => {});
  await page.evaluate(() => (globalThis as unknown as { gc: () => void }).gc());
  await page.waitForTimeout(500);
}

/** Add a dry slot (row `index`) and open its settings with its own source chosen. */
export async function addOwnSourceSlot(page: Page, index: number): Promise<void> {
  await page.getByRole('button', { name: '+ Add a slot' }).click();
  await page
    .getByTestId('slot-row')
    .nth(index)
    .getByRole('button', { name: /show its settings/ })
    .click();
  // From four slots on the settings' sections start closed (ui/sections.svelte.ts): open the source's.
  const same = page.getByRole('checkbox', { name: /Same source as/ });
  if (!(await same.isVisible())) await page.locator('details[data-section="source"] > summary').click();
  await same.uncheck();
}

/** Give the open slot (row `index`) the file at `path`; resolves once the row names it. */
export async function giveSlotFile(page: Page, index: number, path: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(path);
  await page.waitForFunction(
    ([i, n]) => document.querySelectorAll('[data-testid="slot-row"]')[i]?.textContent?.includes(n),
    [index, path.split('/').pop()!] as const,
    { timeout: 120_000 },
  );
}

export async function slotsFigure(
  launch: () => Promise<Browser>,
  appUrl: string,
  files: { path: string; seconds: number }[],
  runs: number,
): Promise<FigureResult> {
  const growth: number[] = [];
  const copies: number[] = [];
  const retained: number[] = [];
  for (let run = 0; run < runs; run++) {
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      const settled = await openSettledLab(page, appUrl);
      const pids = await rendererPids(browser);
      resetPeaks(pids);
      const before = new Map(pids.map((p) => [p, readMemory(p).rssBytes]));
      for (const [i, file] of files.entries()) {
        await addOwnSourceSlot(page, i + 2);
        await giveSlotFile(page, i + 2, file.path);
        await settled();
      }
      const grew = pids.map((p) => ({ peak: readMemory(p).peakBytes - before.get(p)!, now: readMemory(p).rssBytes - before.get(p)! }));
      const main = grew.reduce((a, b) => (b.peak > a.peak ? b : a));
      growth.push(main.peak);
      retained.push(main.now);
      copies.push(files.reduce((sum, f) => sum + Math.round(f.seconds * LAB_RATE) * CHANNELS * 4, 0));
    } finally {
      await browser.close();
    }
  }
  const perSlot = pairedRatios(growth, copies);
  return {
    id: 10,
    name: `two extra dry slots, each with its own ${files.map((f) => `${f.seconds} s`).join(' / ')} stereo WAV, added to the default two`,
    figure: {
      name: 'renderer process peak resident memory (VmHWM) above the settled page, garbage collected',
      unit: 'MB',
      value: summarize(growth.map((g) => g / MB)),
    },
    baseline: {
      name: 'Float32 samples of the two decoded clips at 48 kHz (one copy per slot)',
      unit: 'MB',
      value: summarize(copies.map((c) => c / MB)),
    },
    comparison: { kind: 'ratio', unit: '×', value: perSlot },
    target: '≤ 1 decoded copy per dry slot (ratio ≤ 1)',
    met: perSlot.median <= 1,
    notes: [
      `resident memory still held once settled: ${summarize(retained.map((r) => r / MB)).median.toFixed(1)} MB (${pairedRatios(retained, copies).median.toFixed(2)}× the copies)`,
      'no render and no copy for a dry slot: asserted by tests/browser/dry-slots.test.ts (its drawn buffer is its source itself)',
      'a 16/24-bit WAV at the lab rate is read from its file as it is needed (src/audio/coded-audio.ts): the peak is each read’s scratch and garbage, the views’ peaks, the slots’ UI; the files are kept in IndexedDB by the browser process, on disk',
    ],
  };
}
