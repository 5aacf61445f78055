/**
 * A comparison shared in the URL (made by encodeComparison, src/state/url-state.ts), read
 * back through the same chain-settings schema as scenes and stored sessions, leniently:
 * numbers are clamped into range and anything else invalid falls back, so a hand-edited
 * URL cannot break the lab.
 */
import { COMPRESSOR_KEYS, cloneSettings, type ChainSettings } from '../audio/settings';
import { ChainSettingsSchema } from './chain-settings';
import { conform } from './conform';

export interface SharedComparison {
  clipId: string;
  settings: ChainSettings;
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
