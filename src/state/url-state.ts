/**
 * A comparison that uses only bundled samples fits in the URL (after #), so it can be
 * shared: clip, IR and every chain setting. Pure functions. Reading one back is the
 * schema's job (src/schema/shared-comparison.ts), loaded with the rest of the schema
 * after the page is up.
 */
import { COMPRESSOR_KEYS } from '../audio/settings';
import type { SharedComparison } from '../schema/shared-comparison';

const num = (v: number) => String(Math.round(v * 1000) / 1000);

export function encodeComparison(c: SharedComparison): string {
  const p = new URLSearchParams();
  const { reverb: r, compressor: k } = c.settings;
  p.set('clip', c.clipId);
  p.set('ir', r.irId);
  p.set('reverb', r.enabled ? '1' : '0');
  p.set('wet', num(r.wet));
  if (r.preDelay > 0) p.set('pre', num(r.preDelay));
  p.set('comp', k.enabled ? '1' : '0');
  for (const key of COMPRESSOR_KEYS) p.set(key, num(k[key]));
  return p.toString();
}

/** The clip and IR a shared address names, unchecked: enough to start fetching them early. */
export function idsInAddress(hash: string): { clipId: string | null; irId: string | null } {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  return { clipId: p.get('clip'), irId: p.get('ir') };
}
