/**
 * Focus management after an action that replaces or disables the focused control: once the
 * page has updated, if the focus fell to the page (its control is gone or disabled), it goes to
 * `target` (the new panel's heading, the other zoom button…) instead of staying nowhere.
 */
import { tick } from 'svelte';

export async function thenFocus(action: () => unknown, target: () => HTMLElement | null | undefined): Promise<void> {
  action();
  await tick();
  const now = document.activeElement;
  if (!now || now === document.body || !now.isConnected || now.matches(':disabled')) target()?.focus();
}
