/**
 * What every figure of the bench shares: its result's shape, the browser the bench
 * drives, and calling a measurement in the bench page.
 */
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium';
import type { Summary } from './stats';

export interface Measured {
  name: string;
  unit: string;
  value: Summary;
}

export interface FigureResult {
  id: number;
  name: string;
  figure: Measured | null;
  baseline: Measured | null;
  /** "ratio" = figure / baseline per run; "difference" = figure − baseline per run. */
  comparison: { kind: 'ratio' | 'difference'; unit: string; value: Summary } | null;
  target: string;
  met: boolean | null;
  notes: string[];
}

// The app's flags, plus gc() for the bench page: timed runs start with the garbage collected.
export const launch = () =>
  chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumArgs, '--js-flags=--expose-gc'] });

type BenchFn = (...a: unknown[]) => unknown;
/** Call window.canyonBench[name](...args) in the bench page. */
export function call<T>(page: Page, name: string, ...fnArgs: unknown[]): Promise<T> {
  return page.evaluate(
    ({ name, fnArgs }) => (globalThis as unknown as { canyonBench: Record<string, BenchFn> }).canyonBench[name](...fnArgs),
    { name, fnArgs },
  ) as Promise<T>;
}

export async function openBenchPage(browser: Browser, baseUrl: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.error(`[bench page] ${e.message}`));
  await page.goto(`${baseUrl}/bench/bench/index.html`);
  await page.waitForFunction(
    () => (globalThis as unknown as { document: { body: { dataset: { ready?: string } } } }).document.body.dataset.ready === 'true',
  );
  return page;
}
