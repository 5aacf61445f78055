/**
 * The level-jump warning on the real page: switching back and forth between two sides
 * whose peaks differ by more than 6 dB warns once, with a count — not once per switch.
 */
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { mountLab, unmountLab } from './mounted-lab';

afterEach(unmountLab);

it('64 switches between sides 12 dB apart give one warning per direction, counted, not 64', { timeout: 90_000 }, async () => {
  const { lab, target } = await mountLab();
  const { comparison } = lab;
  // Raw levels, and the compressor (at 1:1, so only its makeup acts) lifting B by 12 dB.
  comparison.setLoudnessMatching(false);
  comparison.changeSettings(comparison.slots[1].id, (s) => {
    s.compressor.enabled = true;
    s.compressor.ratio = 1;
    s.compressor.makeup = 12;
  });
  await expect.poll(() => !comparison.rendering && comparison.peaks.s2 - comparison.peaks.s1 > 6, { timeout: 30_000 }).toBe(true);
  (document.activeElement as HTMLElement | null)?.blur();
  for (let i = 0; i < 32; i++) await userEvent.keyboard('ba');
  const warnings = lab.notifications.messages.filter((m) => m.level === 'warning' && /mind your ears/.test(m.text));
  expect(warnings.map((m) => m.text.replace(/[\d.]+ dB/, 'N dB'))).toEqual([
    'Switching to B changes the peak level by N dB — mind your ears.',
    'Switching to A changes the peak level by N dB — mind your ears.',
  ]);
  expect(warnings.map((m) => m.count)).toEqual([32, 32]);
  await expect.poll(() => target.querySelectorAll('.messages li').length).toBe(2);
  expect(target.querySelector('.messages')?.textContent).toContain('×32');
});
