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

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Tab and Shift+Tab inside a modal: from its last control to its first and back, never out of
 * it (a modal <dialog> makes the page inert, but Tab would still leave for the browser's own UI).
 */
export function keepTabInside(container: HTMLElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  const stops = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (!stops.length) return;
  const i = stops.indexOf(document.activeElement as HTMLElement);
  e.preventDefault();
  stops[e.shiftKey ? (i <= 0 ? stops.length - 1 : i - 1) : (i + 1) % stops.length].focus();
}
