/**
 * Privacy and the finished build: the lab talks to no one but its own origin, obeys a
 * strict Content Security Policy, and works offline once loaded (service worker).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { preview } from 'vite';
import type { Browser, BrowserContext, Page, Request } from 'playwright';
import { launchChromium } from './browser';
import { cspViolations, paintedFraction, recordCspViolations, settled } from './helpers';
import { loadBundledScenes } from '../../src/demo/scenes';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { headersFile, SECURITY_HEADERS } from '../../scripts/vite-csp';

/** URL schemes that never leave the machine. */
const LOCAL_SCHEMES = ['blob:', 'data:'];

describe('the built lab: own origin only, strict CSP, offline', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: Request[] = [];
  const errors: string[] = [];
  const origin = () => new URL(inject('baseUrl')).origin;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await recordCspViolations(context);
    // The context sees requests of every page *and* of the service worker.
    context.on('request', (r) => requests.push(r));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('ships a strict Content Security Policy in the page', async () => {
    const html = await (await fetch(inject('baseUrl'))).text();
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1].replaceAll('&#39;', "'");
    expect(policy).toBeDefined();
    const directives = new Map(
      policy!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    // WebAssembly may compile (the spectrogram's FFT); JavaScript eval may not.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy).not.toMatch(/(?<!wasm-)unsafe-eval|unsafe-inline|\*|https?:/);
  });

  it('is served with the deployment headers, the same ones the build writes to dist/_headers', async () => {
    const response = await fetch(inject('baseUrl'));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS['Permissions-Policy']).toContain('microphone=(self)');
    const file = readFileSync(fileURLToPath(new URL('../../dist/_headers', import.meta.url)), 'utf8');
    expect(file).toBe(headersFile());
    expect(file.split('\n')[0]).toBe('/*');
  });

  it('loads, plays, switches, changes the space and runs every scene without a request beyond its own origin', async () => {
    await page.goto(inject('baseUrl'));
    await settled(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' ');
    const position = async () => Number((await page.getByTestId('position').textContent())!.split(' ')[0]);
    await expect.poll(position, { timeout: 5_000 }).toBeGreaterThan(0.2);
    await page.keyboard.press('b');
    await page.keyboard.press(' ');
    await page.locator('#ir-select').selectOption('ir-balloon-room');
    await settled(page);

    await page.getByRole('button', { name: 'Start class demo' }).click();
    for (let i = 1; i < loadBundledScenes().scenes.length; i++) {
      await page.keyboard.press('PageDown');
      await settled(page);
    }
    await page.keyboard.press(' ');
    await page.waitForTimeout(300);
    await page.keyboard.press(' ');

    const urls = requests.map((r) => r.url());
    const foreign = urls.filter((u) => !LOCAL_SCHEMES.some((s) => u.startsWith(s)) && new URL(u).origin !== origin());
    console.log(`${urls.length} requests, all to ${origin()} (or blob:/data:): ${foreign.length === 0}`);
    expect(foreign).toEqual([]);
    // Sanity: the recorder did see the app's own traffic, samples included.
    expect(urls.some((u) => u.endsWith('.wav'))).toBe(true);
    // The render workers fetched their WebAssembly FFT, and (no errors below) compiled it under this policy.
    expect(urls.some((u) => u.endsWith('.wasm'))).toBe(true);
    // Nothing is ever sent: no request carries a body.
    expect(requests.filter((r) => r.method() !== 'GET').map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('works offline once loaded: app and bundled samples come from the service worker cache', async () => {
    // The service worker precaches everything on install; wait until it controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
    await settled(page);

    await context.setOffline(true);
    try {
      await page.reload();
      await settled(page);
      await expect.poll(() => paintedFraction(page, 1), { timeout: 10_000 }).toBeGreaterThan(0.005);
      // A sample this page has not decoded yet must come from the precache too.
      await page.locator('#clip-select').selectOption('snare-dry');
      await settled(page);
      await expect.poll(() => paintedFraction(page, 0), { timeout: 10_000 }).toBeGreaterThan(0.005);
      expect(await page.locator('[role="alert"]').count()).toBe(0);
    } finally {
      await context.setOffline(false);
    }
  });

  it('runs from a sub-folder of a static host (relative URLs, service worker scoped to it)', async () => {
    const server = await preview({
      base: '/courses/film-sound/canyon-lab/',
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'warn',
    });
    try {
      const url = server.resolvedUrls!.local[0];
      expect(new URL(url).pathname).toBe('/courses/film-sound/canyon-lab/');
      const sub = await context.newPage();
      const failed: string[] = [];
      sub.on('requestfailed', (r) => failed.push(r.url()));
      sub.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await sub.goto(url);
      await settled(sub);
      await expect.poll(() => paintedFraction(sub, 1), { timeout: 10_000 }).toBeGreaterThan(0.005);
      const scope = await sub.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(new URL(scope).pathname).toBe('/courses/film-sound/canyon-lab/');
      expect(failed).toEqual([]);
      await sub.close();
    } finally {
      await server.close();
    }
  });
});
