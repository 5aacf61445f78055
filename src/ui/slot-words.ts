/**
 * Slots in words, the same everywhere they are named: "A: original", what a slot plays
 * and how it is processed ("Canned gunshot · Narrow canyon 50 % wet, compressed").
 */
import { followedSlot, isDry } from '../comparison/setup';
import type { Comparison } from '../state/comparison.svelte';
import type { Library } from '../state/library.svelte';
import type { Slot } from '../state/slot.svelte';

/** The CSS colour of a slot (the palette adapts to the colour scheme and projector mode). */
export const slotColour = (s: Slot) => `var(--slot-${s.colour})`;

/** "A: original" (a dry slot) or "B: processed". */
export function slotName(s: Slot): string {
  return `${s.label}: ${isDry(s.settings) ? 'original' : 'processed'}`;
}

export function titleOf(library: Library, id: string): string {
  return [...library.clips, ...library.impulseResponses].find((e) => e.id === id)?.title ?? id;
}

/** What the slot plays: a sample's title, or "same as A". */
export function sourceWords(c: Comparison, library: Library, s: Slot): string {
  const target = followedSlot(s.source);
  if (!target) return titleOf(library, s.source);
  const t = c.slot(target);
  return t ? `same as ${t.label} (${titleOf(library, t.source)})` : 'same as another slot';
}

/** How the slot is processed, briefly. */
export function processingWords(library: Library, s: Slot): string {
  const { reverb: r, compressor: k } = s.settings;
  const parts: string[] = [];
  if (r.enabled)
    parts.push(
      `${titleOf(library, r.irId)} ${Math.round(r.wet * 100)} % wet${r.preDelay > 0 ? `, ${Math.round(r.preDelay * 1000)} ms pre-delay` : ''}`,
    );
  if (k.enabled) parts.push(`compressed ${k.ratio}:1 from ${k.threshold} dB`);
  return parts.length ? parts.join(', ') : 'dry';
}

/** A signed level, "+1.5 dB". */
export function signedDb(v: number): string {
  return Number.isFinite(v) ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)} dB` : '−∞ dB';
}

/** A time offset: "+12.3 ms", or "+1.250 s" from a second on. */
export function offsetWords(seconds: number): string {
  const sign = seconds > 0 ? '+' : seconds < 0 ? '−' : '';
  const a = Math.abs(seconds);
  return a >= 1 ? `${sign}${a.toFixed(3)} s` : `${sign}${(a * 1000).toFixed(1)} ms`;
}
