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
 */
import * as v from 'valibot';
import { CROSSFADE_RANGE, OUTPUT_LEVEL_RANGE } from '../audio/settings';
import { ChainSettingsSchema } from './chain-settings';
import { conform } from './conform';
import { flag, rangedNumber, text } from './fields';

import { SESSION_VERSION } from './session-version';

export { SESSION_VERSION };

export const SessionSchema = v.strictObject({
  version: v.pipe(v.literal(SESSION_VERSION), v.description(`${SESSION_VERSION}`)),
  clipId: text('a sample id'),
  settings: ChainSettingsSchema,
  loudnessMatching: flag(),
  compensateHiddenMakeup: flag(),
  crossfade: rangedNumber(CROSSFADE_RANGE),
  outputLevelDb: rangedNumber(OUTPUT_LEVEL_RANGE),
});

export type StoredSession = v.InferOutput<typeof SessionSchema>;

export interface RestoredSession {
  session: StoredSession;
  /** What could not be used, in words for the user; empty when everything was. */
  note: string | null;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Bring stored data of an earlier version up to the current shape; values are checked afterwards. */
export function migrate(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  if (raw.version === undefined) return { ...raw, version: 2 }; // 1 → 2: the shape is the same
  return raw;
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
  const kept = problems.filter((p) => p.path !== 'version');
  if (!kept.length && !newer) return { session: value, note: null };
  const reset = kept.filter((p) => p.kind !== 'unknown-key').map((p) => `${p.message} (reset to the default)`);
  const ignored = kept.filter((p) => p.kind === 'unknown-key').map((p) => `"${p.path}"`);
  const parts = [...reset, ...(ignored.length ? [`ignored ${ignored.join(', ')}, which this version does not know`] : [])];
  const who = newer ? 'were saved by a newer version of the lab' : 'could not all be used';
  return { session: value, note: `The settings remembered in this browser ${who}: ${parts.join('; ') || 'used as far as possible'}.` };
}
