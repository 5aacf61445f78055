/** Launch the system Chromium for end-to-end tests, with the same flags as the browser test project. */
import { chromium, type Browser } from 'playwright';
import { chromiumArgs } from '../../vite.config';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
  });
}
