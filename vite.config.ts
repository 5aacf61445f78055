/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, SECURITY_HEADERS } from './scripts/vite-csp.js';
import { runTool } from './scripts/reference-tools.js';
import { preloadOpening } from './scripts/preload-opening.js';
import { earlyEntry } from './scripts/early-entry.js';
import manifest from './samples/manifest.json' with { type: 'json' };
import { OPENING_CLIP_ID } from './src/samples/opening.js';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';

export default defineConfig({
  // Relative asset URLs: the built site works when served from any folder.
  base: './',
  plugins: [
    svelte(),
    contentSecurityPolicy(),
    preloadOpening(manifest.samples.find((s) => s.id === OPENING_CLIP_ID)!.file),
    earlyEntry(),
    // Offline once loaded: a Workbox service worker precaches the app and every bundled
    // sample. The register script is a file, not inline, so the CSP needs no exception.
    VitePWA({
      registerType: 'autoUpdate',
      // Registered by src/offline-cache.ts once the first view is drawn, not on the page's load event.
      injectRegister: false,
      manifest: {
        name: 'Canyon Lab',
        short_name: 'Canyon Lab',
        description: 'Hear and see why a gunshot recorded among tall buildings differs from a canned one.',
        display: 'standalone',
        background_color: '#12151a',
        theme_color: '#12151a',
        start_url: '.',
        scope: '.',
        icons: [],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wav,flac,ogg,mp3,webmanifest,wasm}'],
        // Samples are bundled whole; a long clip may pass Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      },
    }),
  ],
  // The built site served as a host would serve it (dist/_headers): the e2e tests run under these.
  preview: {
    headers: { ...SECURITY_HEADERS },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  test: {
    // The JSON report lets .ci/run prove that the browser and e2e projects really ran.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    // Audio work on a loaded 2-core machine takes seconds, not expect.poll's default 1 s.
    expect: { poll: { timeout: 10_000 } },
    // Files run at once across all three projects: Vitest 4 gives the projects of one group one
    // pool. CI's 2 cores give one, so the e2e, node and browser files run one after another (672 s
    // on 2026-12-02). Two at once was tried on this 2-core machine: the files' own Chromiums and
    // audio work shared the cores, a 10-minute sync test took 98 s instead of 20, an e2e test timed
    // out, and after 11 minutes (the whole run, one file at a time) it was still going.
    maxWorkers: Math.max(1, Math.min(2, availableParallelism() - 1)),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/node/**/*.test.ts'],
          // DSP on signals of seconds, sharing two cores with the browser files.
          testTimeout: 20_000,
          // One worker runs every file: a fresh process per file cost ~1.5 s each, 60 s in all.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
            // sox and ffmpeg for browser tests: files from independent encoders, reference readings.
            commands: { runTool },
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One worker process for every file (each launches and closes its own browser; no module
          // state is shared): a fresh process per file cost seconds of start-up each.
          isolate: false,
        },
      },
    ],
  },
});
