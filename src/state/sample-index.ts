/**
 * The list of the user's samples as stored (IndexedDB, by this or any other version of the
 * lab), checked entry by entry: an entry that cannot be used is left out and named, the
 * rest are kept. Read unchecked, one damaged entry (null, a missing kind) threw in every
 * picker and left the page empty, with every other sample of the user unreachable.
 */
import { show } from '../schema/show';

export type UserSampleKind = 'clip' | 'impulse-response';

export interface UserSampleMeta {
  id: string;
  /** SHA-256 of the file's bytes: the same file added twice is found by it. */
  hash?: string;
  name: string;
  kind: UserSampleKind;
  addedAt: string;
  /** The file's size; absent when a version stored none (a duplicate is then found by its bytes). */
  bytes?: number;
  notes: string[];
}

export interface SampleIndex {
  samples: UserSampleMeta[];
  /** What was left out, in words ("an entry without an id", "“x.wav” (of an unknown kind "video")"). */
  unusable: string[];
}

const KINDS: readonly string[] = ['clip', 'impulse-response'] satisfies UserSampleKind[];
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
/** A stored value in a note: shorter than a schema's messages, since one note may name several entries. */
const brief = (x: unknown) => show(x, 60);

export function readSampleIndex(raw: unknown): SampleIndex {
  if (raw === undefined || raw === null) return { samples: [], unusable: [] };
  if (!Array.isArray(raw)) return { samples: [], unusable: [`the list itself (${brief(raw)}, not a list)`] };
  const samples: UserSampleMeta[] = [];
  const unusable: string[] = [];
  for (const m of raw) {
    if (!isRecord(m) || typeof m.id !== 'string' || !m.id) {
      unusable.push(`an entry without an id (${brief(m)})`);
      continue;
    }
    const name = typeof m.name === 'string' && m.name ? m.name : m.id;
    if (typeof m.kind !== 'string' || !KINDS.includes(m.kind)) {
      unusable.push(`“${name}” (of a kind this version does not know, ${brief(m.kind)})`);
      continue;
    }
    if (samples.some((s) => s.id === m.id)) continue; // listed twice: the first is the one
    samples.push({
      id: m.id,
      name,
      kind: m.kind as UserSampleKind,
      addedAt: typeof m.addedAt === 'string' ? m.addedAt : '',
      notes: Array.isArray(m.notes) ? m.notes.filter((n): n is string => typeof n === 'string') : [],
      // Without a usable size or hash the sample is kept all the same: a duplicate is then found by its bytes.
      ...(typeof m.bytes === 'number' && Number.isFinite(m.bytes) && m.bytes >= 0 ? { bytes: m.bytes } : {}),
      ...(typeof m.hash === 'string' ? { hash: m.hash } : {}),
    });
  }
  return { samples, unusable };
}

/** What the user is told when entries were left out; null when none were. */
export function unusableNote(unusable: readonly string[]): string | null {
  if (!unusable.length) return null;
  return `Some records of your samples in this browser could not be read and are left out: ${unusable.join(', ')}. Your other samples are here.`;
}

/** Said when the browser's storage did not answer the reads the start waits for (session-store's STORAGE_WAIT_MS). */
export const STORAGE_SILENT =
  "This browser's storage did not answer (another tab of the lab may be holding it): the lab opens with its defaults. What you kept there is not lost, and this page does not write over it: close the other tabs of the lab and reload to have it back.";
