/**
 * A comparison that uses only bundled samples fits in the URL (after #), so it can be
 * shared: clip, IR and every chain setting. Pure functions: encode and parse; the
 * values go through the same chain-settings schema as scenes and stored sessions,
 * leniently (numbers clamped into range, the rest falls back), so a hand-edited URL
 * cannot break the lab.
 */
import { COMPRESSOR_RANGES, cloneSettings, type ChainSettings } from '../audio/settings';
import { ChainSettingsSchema } from '../schema/chain-settings';
import { conform } from '../schema/conform';

export interface SharedComparison {
  clipId: string;
  settings: ChainSettings;
}

const num = (v: number) => String(Math.round(v * 1000) / 1000);
const COMPRESSOR_KEYS = Object.keys(COMPRESSOR_RANGES) as (keyof typeof COMPRESSOR_RANGES)[];

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

/**
 * Parse a hash made by encodeComparison over `defaults`; unknown ids are rejected by
 * `known`. Returns null when there is nothing usable.
 */
export function parseComparison(hash: string, defaults: SharedComparison, known: (id: string) => boolean): SharedComparison | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const clipId = p.get('clip');
  if (!clipId || !known(clipId)) return null;
  const number = (key: string) => (p.has(key) ? Number(p.get(key)) : undefined);
  const irId = p.get('ir');
  const raw = {
    reverb: {
      enabled: p.get('reverb') !== '0',
      irId: irId && known(irId) ? irId : undefined,
      wet: number('wet'),
      preDelay: number('pre'),
    },
    compressor: { enabled: p.get('comp') === '1', ...Object.fromEntries(COMPRESSOR_KEYS.map((k) => [k, number(k)])) },
  };
  const { value } = conform(ChainSettingsSchema, raw, cloneSettings(defaults.settings), { clamp: true, path: 'settings' });
  return { clipId, settings: value };
}
