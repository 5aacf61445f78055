import { markStartup } from './state/first-waveform';

/**
 * The service worker that keeps the lab working offline. Its first install downloads and
 * caches every bundled file (~9 MB): registered only once the lab's first view is drawn and
 * its slots are loaded, so on a first visit it does not compete with the first waveform
 * for the network and the CPU (bench figure 2).
 */
export function registerOfflineCacheAfter(ready: Promise<unknown>): void {
  // Only a build has sw.js (vite-plugin-pwa writes it). MODE, not PROD: a build made under
  // Vitest (the e2e tests') has NODE_ENV=test, which makes PROD false.
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  void ready
    .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
    .then(() => (markStartup('offline-cache'), navigator.serviceWorker.register('./sw.js', { scope: './' })))
    .catch((err: unknown) => console.warn('The offline cache could not be set up:', err));
}
