/**
 * Launch the system Chromium for end-to-end tests, with the same flags as the browser test
 * project. `FAKE_MICROPHONE` adds Chromium's fake capture device (it plays a beep pattern)
 * and grants it without a prompt, so the real recording code records real audio.
 */
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium';

export const FAKE_MICROPHONE = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

export interface LaunchOptions {
  /** false: Chromium's real autoplay policy (audio waits for a click or key press). */
  autoplay?: boolean;
  /** More flags, e.g. a fake microphone. */
  args?: string[];
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const base = options.autoplay === false ? chromiumArgs.filter((a) => !a.startsWith('--autoplay-policy')) : chromiumArgs;
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...base, ...(options.args ?? [])],
  });
}
