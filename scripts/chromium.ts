/**
 * The system Chromium (Debian's `chromium`) and the flags every test and bench launch uses.
 * Playwright's own browser download is not reachable on our machines, so we never rely on it.
 * A module of its own: the e2e tests and the bench import it without loading the whole
 * Vite config (its plugins cost seconds per test file).
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
