/**
 * A comparison that uses only bundled samples fits in the URL (after #), so it can be
 * shared: clip, IR and every chain setting. Pure functions: encode and parse.
 */
import { COMPRESSOR_RANGES, cloneSettings, type ChainSettings } from '../audio/settings';

export interface SharedComparison {
  clipId: string;
  settings: ChainSettings;
}

const num = (v: number) => String(Math.round(v * 1000) / 1000);

export function encodeComparison(c: SharedComparison): string {
  const p = new URLSearchParams();
  const { reverb: r, compressor: k } = c.settings;
  p.set('clip', c.clipId);
  p.set('ir', r.irId);
  p.set('reverb', r.enabled ? '1' : '0');
  p.set('wet', num(r.wet));
  p.set('comp', k.enabled ? '1' : '0');
  for (const key of Object.keys(COMPRESSOR_RANGES) as (keyof typeof COMPRESSOR_RANGES)[]) p.set(key, num(k[key]));
  return p.toString();
}

/**
 * Parse a hash made by encodeComparison over `defaults`; unknown ids are rejected by
 * `known`, and numbers are clamped to their ranges, so a hand-edited URL cannot break
 * the lab. Returns null when there is nothing usable.
 */
export function parseComparison(hash: string, defaults: SharedComparison, known: (id: string) => boolean): SharedComparison | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const clipId = p.get('clip');
  const irId = p.get('ir');
  if (!clipId || !known(clipId)) return null;
  const s = cloneSettings(defaults.settings); // not structuredClone: settings may be a Svelte state proxy
  if (irId && known(irId)) s.reverb.irId = irId;
  const clamp = (v: string | null, min: number, max: number, fallback: number) => {
    const n = Number(v);
    return v !== null && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  };
  s.reverb.enabled = p.get('reverb') !== '0';
  s.reverb.wet = clamp(p.get('wet'), 0, 1, s.reverb.wet);
  s.compressor.enabled = p.get('comp') === '1';
  for (const [key, range] of Object.entries(COMPRESSOR_RANGES) as [
    keyof typeof COMPRESSOR_RANGES,
    (typeof COMPRESSOR_RANGES)[keyof typeof COMPRESSOR_RANGES],
  ][]) {
    s.compressor[key] = clamp(p.get(key), range.min, range.max, s.compressor[key]);
  }
  return { clipId, settings: s };
}
