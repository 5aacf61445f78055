/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, SECURITY_HEADERS } from './scripts/vite-csp.js';
import { runTool } from './scripts/reference-tools.js';

// The system Chromium (Debian's `chromium`); Playwright's own browser download
// is not reachable on our machines, so we never rely on it.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  // Without this the live AudioContext stays `suspended` in tests.
  '--autoplay-policy=no-user-gesture-required',
  '--disable-gpu',
  // The CI network is closed: these stop Chromium from dialling home at start.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  // Relative asset URLs: the built site works when served from any folder.
  base: './',
  plugins: [
    svelte(),
    contentSecurityPolicy(),
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
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/node/**/*.test.ts'],
          // DSP on signals of seconds, sharing two cores with the browser files.
          testTimeout: 20_000,
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
          fileParallelism: false,
        },
      },
    ],
  },
});
