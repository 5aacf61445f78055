/**
 * A strict Content Security Policy for the *built* page, as a <meta> tag (a static host
 * may not let us set headers). Only in `vite build`: the dev server needs inline
 * scripts and a websocket for hot reload, which this policy forbids on purpose.
 *
 * Every allowance, and why:
 * - script-src 'self' 'wasm-unsafe-eval'
 *                            our bundle only; 'wasm-unsafe-eval' lets WebAssembly compile
 *                            (the spectrogram's PFFFT) and nothing else — JavaScript eval
 *                            stays forbidden. Tone.js would load AudioWorklet processors
 *                            from blob: URLs (worklets obey script-src), but only for
 *                            worklet-based nodes (BitCrusher, Gate, …); the lab's chain
 *                            uses none. Add blob: here if one is ever used — the e2e
 *                            test that records CSP violations will say so.
 * - worker-src 'self' blob:  the offline service worker; Tone.js's Ticker runs its
 *                            clock in a Worker made from a blob: URL
 *
 * No 'wasm-unsafe-eval': the page compiles no WebAssembly. The render workers do (their
 * FFT, PFFFT), but a worker loaded from its own URL lives under its own response's policy,
 * not this <meta> one (measured in Chromium: tests/e2e/offline.test.ts renders under this
 * policy and checks the .wasm was fetched with no error). A host that sends this policy
 * as an HTTP header on every file must add 'wasm-unsafe-eval' to script-src for workers.
 * - style-src 'self' <hash>  our CSS files, plus the <style> wavesurfer.js writes into
 *                            each view's shadow root (one hash per view height)
 * - connect-src 'self'       bundled samples fetched for decoding; nothing else, ever
 * - img-src 'self' data:     the empty data: favicon
 * - manifest-src 'self'      the web app manifest
 * Everything else is 'none'. No 'unsafe-eval', no 'unsafe-inline'.
 *
 * The build also writes `dist/_headers` (the format Netlify and Cloudflare Pages read) with
 * the same policy as an HTTP header, plus what a <meta> tag cannot carry: frame-ancestors
 * (no framing: clickjacking), and the headers in SECURITY_HEADERS. `vite preview` sends them
 * too (vite.config.ts), so the end-to-end tests run under them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { WAVESURFER_HEIGHTS } from '../src/ui/wave-heights.js';

/**
 * CSP hashes of the <style> wavesurfer.js puts in each view's shadow root. Its text
 * depends only on the view height, so it is taken from the installed wavesurfer.js
 * (its renderer's template) for every height the app uses: a wavesurfer.js update
 * cannot silently break the views. The e2e CSP test fails if a style is still blocked.
 */
export function wavesurferStyleHashes(heights: readonly number[] = WAVESURFER_HEIGHTS): string[] {
  const renderer = fileURLToPath(new URL('../node_modules/wavesurfer.js/dist/renderer.js', import.meta.url));
  const template = /<style\$\{[^}]*\}[^>]*>([\s\S]*?)<\/style>/.exec(readFileSync(renderer, 'utf8'))?.[1];
  if (!template || !/\$\{this\.getHeight\(/.test(template)) {
    throw new Error('wavesurfer.js changed how it writes its view <style>: update scripts/vite-csp.ts');
  }
  return heights.map((h) => {
    const text = template.replace(/\$\{this\.getHeight\([^}]*\)\}/, String(h));
    return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  });
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  `style-src 'self' ${wavesurferStyleHashes().join(' ')}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'none'",
].join('; ');

/** What a host should send with every file. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  // Nothing is fetched from elsewhere, so nothing needs to know where the request came from.
  'Referrer-Policy': 'no-referrer',
  // The microphone for recording a clip or capturing a space, from this origin only; nothing else.
  'Permissions-Policy': 'microphone=(self), camera=(), geolocation=(), payment=(), usb=()',
};

/** The `_headers` file: every path gets SECURITY_HEADERS. */
export function headersFile(headers: Readonly<Record<string, string>> = SECURITY_HEADERS): string {
  return `/*\n${Object.entries(headers)
    .map(([name, value]) => `  ${name}: ${value}\n`)
    .join('')}`;
}

export function contentSecurityPolicy(policy = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'canyon-lab:content-security-policy',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    },
  };
}
