/**
 * The session the lab keeps in IndexedDB between visits, versioned. Stored data of any
 * earlier version is migrated to the current shape, then fitted to the schema over the
 * defaults: a session stored by older code (or damaged, or from a newer lab) never
 * leaves the lab dead — what cannot be used is reset and the user is told what.
 *
 * Versions:
 * 1 — (no version field) clip, chain settings, loudness matching, compensation,
 *     crossfade, output level: what the lab stored before sessions were versioned.
 * 2 — the same fields with `version: 2`; chain settings gain the reverb's pre-delay.
 * 3 — the comparison is a list of slots (src/comparison/setup.ts) instead of one clip
 *     and one chain: version 2's clip and settings become slot A (dry) and slot B.
 */
import * as v from 'valibot';
import { CROSSFADE_RANGE, OUTPUT_LEVEL_RANGE, defaultSettings } from '../audio/settings';
import { defaultComparison, ownSample } from '../comparison/setup';
import { ComparisonSchema, tidyComparison } from './comparison';
import { conform } from './conform';
import { flag, rangedNumber } from './fields';
import { SESSION_VERSION } from './session-version';

export { SESSION_VERSION };

export const SessionSchema = v.strictObject({
  version: v.pipe(v.literal(SESSION_VERSION), v.description(`${SESSION_VERSION}`)),
  comparison: ComparisonSchema,
  loudnessMatching: flag(),
  compensateHiddenMakeup: flag(),
  crossfade: rangedNumber(CROSSFADE_RANGE),
  outputLevelDb: rangedNumber(OUTPUT_LEVEL_RANGE),
});

export type StoredSession = v.InferOutput<typeof SessionSchema>;

export interface RestoredSession {
  session: StoredSession;
  /** What could not be used, in words for the user; null when everything was. */
  note: string | null;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Bring stored data of an earlier version up to the current shape; values are checked afterwards. */
export function migrate(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  let data = raw;
  if (data.version === undefined) data = { ...data, version: 2 }; // 1 → 2: the same shape
  if (data.version === 2) {
    // 2 → 3: one clip and one chain become slot A (the clip, dry) and slot B (through the chain).
    const { clipId, settings, ...rest } = data;
    const irId = isRecord(settings) && isRecord(settings.reverb) && typeof settings.reverb.irId === 'string' ? settings.reverb.irId : '';
    const comparison = defaultComparison(typeof clipId === 'string' ? clipId : '', defaultSettings(irId));
    (comparison.slots[1] as { settings: unknown }).settings = settings;
    data = { ...rest, version: 3, comparison };
  }
  return data;
}

/**
 * Read a stored session: migrate, then fit to the schema over `defaults`. Returns null
 * when nothing was stored.
 */
export function restoreSession(raw: unknown, defaults: StoredSession): RestoredSession | null {
  if (raw === undefined || raw === null) return null;
  const migrated = migrate(raw);
  const newer = isRecord(migrated) && typeof migrated.version === 'number' && migrated.version > SESSION_VERSION;
  const { value, problems } = conform(SessionSchema, migrated, defaults);
  const session = { ...value, comparison: tidyComparison(value.comparison, ownSample(defaults.comparison)) };
  const kept = problems.filter((p) => p.path !== 'version');
  if (!kept.length && !newer) return { session, note: null };
  // A list cut or made up to its limits says so itself ('clamped'); anything else invalid took its default.
  const reset = kept
    .filter((p) => p.kind !== 'unknown-key')
    .map((p) => (p.kind === 'clamped' ? p.message : `${p.message} (reset to the default)`));
  const ignored = kept.filter((p) => p.kind === 'unknown-key').map((p) => `"${p.path}"`);
  const parts = [...reset, ...(ignored.length ? [`ignored ${ignored.join(', ')}, which this version does not know`] : [])];
  const who = newer ? 'were saved by a newer version of the lab' : 'could not all be used';
  return { session, note: `The settings remembered in this browser ${who}: ${parts.join('; ') || 'used as far as possible'}.` };
}
