/** Launch the system Chromium for end-to-end tests, with the same flags as the browser test project. */
import { chromium, type Browser } from 'playwright';
import { chromiumArgs } from '../../vite.config';

export interface LaunchOptions {
  /** false: Chromium's real autoplay policy (audio waits for a click or key press). */
  autoplay?: boolean;
  /** More flags, e.g. a fake microphone. */
  args?: string[];
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const base = options.autoplay === false ? chromiumArgs.filter((a) => !a.startsWith('--autoplay-policy')) : chromiumArgs;
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...base, ...(options.args ?? [])],
  });
}
