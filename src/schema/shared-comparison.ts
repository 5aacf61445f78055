/**
 * A comparison shared in the URL (made by encodeComparison, src/state/url-state.ts), read
 * back through the same schemas as scenes and stored sessions, leniently: numbers are
 * clamped into range and anything else invalid falls back, so a hand-edited URL cannot
 * break the lab. Links made before slots (clip + one chain) still open, as A and B.
 */
import { COMPRESSOR_KEYS, cloneSettings, type ChainSettings } from '../audio/settings';
import {
  DIFFERENCE,
  MAX_SLOTS,
  MIN_SLOTS,
  defaultComparison,
  followRef,
  openingSelection,
  ownSample,
  type ComparisonSetup,
} from '../comparison/setup';
import { ChainSettingsSchema } from './chain-settings';
import { ComparisonSchema, tidyComparison } from './comparison';
import { conform } from './conform';

/** Whether a sample id is one the lab has, of the role it would play (a link must not make an IR a clip or the reverse). */
export type Known = (id: string, role: 'clip' | 'impulse-response') => boolean;

/** Told why a shared link cannot be opened (it names clips this lab does not have). */
export type Say = (text: string) => void;

/** What the user is told of a link whose clips are unknown: which, and what happens instead. */
function unknownClips(ids: string[]): string {
  const names = [...new Set(ids)].map((id) => `“${id.length > 40 ? `${id.slice(0, 39)}…` : id}”`).join(', ');
  return `The shared link could not be opened: it names ${names || 'no clip'}, which this lab does not have as a bundled clip (a link shares bundled clips only). What you had is shown instead.`;
}

/**
 * Parse a shared address over `defaults`; sample ids not `known` make it unusable (null,
 * and `say` is told which), as does nothing usable. An address that is no comparison
 * (`#demo-2`, empty) is null without a word.
 */
export function parseComparison(hash: string, defaults: ComparisonSetup, known: Known, say: Say = () => {}): ComparisonSetup | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if (p.getAll('slot').length) return parseSlots(p, defaults, known, say);
  return parseVersion1(p, defaults, known, say);
}

function number(v: string | null | undefined): number | undefined {
  return v === null || v === undefined || v === '' ? undefined : Number(v);
}

function parseSlots(p: URLSearchParams, defaults: ComparisonSetup, known: Known, say: Say): ComparisonSetup | null {
  const rows = p.getAll('slot').map((s) => s.split(','));
  const slots: unknown[] = rows.map((f, i) => {
    const source = f[2]?.startsWith('=') ? followRef(`s${Number(f[2].slice(1)) + 1}`) : f[2];
    if (!source?.startsWith('follow:') && !(source && known(source, 'clip'))) return null;
    return {
      id: `s${i + 1}`,
      label: f[0],
      colour: number(f[1]),
      source,
      trimDb: number(f[3]),
      offset: number(f[4]),
      settings: {
        reverb: {
          enabled: f[5] === '1',
          irId: f[6] && known(f[6], 'impulse-response') ? f[6] : undefined,
          wet: number(f[7]),
          preDelay: number(f[8]),
        },
        compressor: { enabled: f[9] === '1', ...Object.fromEntries(COMPRESSOR_KEYS.map((k, j) => [k, number(f[10 + j])])) },
      },
    };
  });
  if (slots.some((s) => s === null)) {
    say(unknownClips(rows.map((f) => f[2] ?? '').filter((id, i) => slots[i] === null && id)));
    return null;
  }
  const id = (v: string | null) => (v !== null && /^\d+$/.test(v) ? `s${Number(v) + 1}` : '');
  const raw = {
    slots,
    referenceId: id(p.get('ref')),
    heard: p.get('heard') === 'd' ? DIFFERENCE : id(p.get('heard')),
    selectedId: '', // a link does not say: chosen below
    difference: (p.get('diff') ?? '0,1').split(',').map(id),
  };
  // A slot for each of the link's, and at least the defaults' (a link of one slot is made up to two from them).
  const count = Math.max(slots.length, defaults.slots.length);
  const fallback = { ...defaults, slots: Array.from({ length: count }, (_, i) => defaults.slots[Math.min(i, defaults.slots.length - 1)]) };
  const { value } = conform(ComparisonSchema, raw, fallback, { clamp: true, path: 'comparison' });
  // Numbers are clamped without a word (a hand-edited link); slots left out or made up are said.
  if (slots.length > MAX_SLOTS)
    say(`The shared link names ${slots.length} slots, more than the ${MAX_SLOTS} the lab holds: the first ${MAX_SLOTS} are open.`);
  if (slots.length < MIN_SLOTS)
    say(`The shared link names ${slots.length} slot, and a comparison needs ${MIN_SLOTS}: a second slot playing the same source is added.`);
  return tidyComparison({ ...value, selectedId: openingSelection(value.slots) }, ownSample(defaults));
}

/** A link from before slots: `clip=…&ir=…&reverb=1&wet=0.5&comp=0&threshold=…` → A (the clip, dry) and B (through the chain). */
function parseVersion1(p: URLSearchParams, defaults: ComparisonSetup, known: Known, say: Say): ComparisonSetup | null {
  const clipId = p.get('clip');
  if (!clipId || !known(clipId, 'clip')) {
    if (clipId !== null) say(unknownClips([clipId]));
    return null;
  }
  const irId = p.get('ir');
  const raw = {
    reverb: {
      enabled: p.get('reverb') !== '0',
      irId: irId && known(irId, 'impulse-response') ? irId : undefined,
      wet: number(p.get('wet')),
      preDelay: number(p.get('pre')),
    },
    compressor: { enabled: p.get('comp') === '1', ...Object.fromEntries(COMPRESSOR_KEYS.map((k) => [k, number(p.get(k))])) },
  };
  const base: ChainSettings = cloneSettings(defaults.slots[defaults.slots.length > 1 ? 1 : 0].settings);
  const { value } = conform(ChainSettingsSchema, raw, base, { clamp: true, path: 'settings' });
  return defaultComparison(clipId, value);
}
