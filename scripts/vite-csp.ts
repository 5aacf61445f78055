/**
 * A strict Content Security Policy for the *built* page, as a <meta> tag (a static host
 * may not let us set headers). Only in `vite build`: the dev server needs inline
 * scripts and a websocket for hot reload, which this policy forbids on purpose.
 *
 * Every allowance, and why:
 * - script-src 'self'        our bundle only. Tone.js would load AudioWorklet processors
 *                            from blob: URLs (worklets obey script-src), but only for
 *                            worklet-based nodes (BitCrusher, Gate, …); the lab's chain
 *                            uses none. Add blob: here if one is ever used — the e2e
 *                            test that records CSP violations will say so.
 * - worker-src 'self' blob:  the offline service worker; Tone.js's Ticker runs its
 *                            clock in a Worker made from a blob: URL
 * - style-src 'self' <hash>  our CSS files, plus the one <style> wavesurfer.js writes
 *                            into each view's shadow root (hash below)
 * - connect-src 'self'       bundled samples fetched for decoding; nothing else, ever
 * - img-src 'self' data:     the empty data: favicon
 * - manifest-src 'self'      the web app manifest
 * Everything else is 'none'. No 'unsafe-eval', no 'unsafe-inline'.
 */
import type { Plugin } from 'vite';

/**
 * SHA-256 of the <style> wavesurfer.js 8.0 puts in each view's shadow root. Its text
 * depends only on the view height (128 px, WaveformView.svelte): a new wavesurfer.js
 * or another height changes it, and the e2e CSP test then fails, naming the new hash
 * (Chromium prints it in the violation message).
 */
export const WAVESURFER_STYLE_HASH = "'sha256-gXnHDepVZ6KF6fKGOD+GVc9BynM50JQqht95p3HpemI='";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${WAVESURFER_STYLE_HASH}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(policy = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'canyon-lab:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    },
  };
}
