/**
 * The only code that reads or writes what outlives the page: IndexedDB (through
 * idb-keyval) — the user's clips, recordings and impulse responses (the original bytes,
 * decoded again on load), the session (settings, versioned: src/schema/session.ts) and
 * small state of other parts — and the page's address (a shared comparison, a demo scene).
 */
import { del, get, set, type UseStore } from 'idb-keyval';
import type { StoredSession } from '../schema/session';
import { readSampleIndex, type SampleIndex, type UserSampleMeta } from './sample-index';
import { storageFullMessage } from './storage-full';

export type { UserSampleKind, UserSampleMeta } from './sample-index';

/** A storage problem with words for the user (quota, private mode, blocked IndexedDB). */
export class StorageError extends Error {}

let store: UseStore | null = null;
function db(): UseStore {
  store ??= labStore('canyon-lab', 'kv');
  return store;
}

function opened(request: IDBOpenDBRequest, storeName: string): Promise<IDBDatabase> {
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
  };
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
}

/**
 * idb-keyval's store, made sure to exist: a database of the same name left by another
 * version without the store (idb-keyval creates it only with a new database) failed every
 * read and write, so nothing the user added outlived a reload. It is added by an upgrade.
 * The connection is let go when another tab upgrades, so this page never blocks it.
 */
function labStore(dbName: string, storeName: string): UseStore {
  let pending: Promise<IDBDatabase> | undefined;
  const open = async () => {
    let db = await opened(indexedDB.open(dbName), storeName);
    if (!db.objectStoreNames.contains(storeName)) {
      db.close();
      db = await opened(indexedDB.open(dbName, db.version + 1), storeName);
    }
    db.onversionchange = () => {
      db.close();
      pending = undefined;
    };
    db.onclose = () => (pending = undefined);
    return db;
  };
  const database = () => {
    pending ??= open();
    pending.catch(() => (pending = undefined)); // a later call tries again
    return pending;
  };
  return (mode, callback) => database().then((db) => callback(db.transaction(storeName, mode).objectStore(storeName)));
}

/**
 * How long a read may take before the lab goes on without it. IndexedDB does not answer at
 * all while another tab holds the database through an upgrade it blocks: the start waited
 * for the session forever, slots empty, until that tab was closed.
 */
export const STORAGE_WAIT_MS = 6000;
let silent = false;

/** Whether a read went unanswered in this page (the lab then opened without what is kept). */
export function storageSilent(): boolean {
  return silent;
}

/** Keys whose read went unanswered, each with that read still under way. */
const unanswered = new Map<string, Promise<unknown>>();

/** The value at `key`, or undefined when IndexedDB has not answered within STORAGE_WAIT_MS. */
function answered<T>(key: string): Promise<T | undefined> {
  const read = get<T>(key, db());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      silent = true;
      const kept = read.catch(() => undefined);
      unanswered.set(key, kept);
      void kept.then((value) => value === undefined && unanswered.delete(key));
      resolve(undefined);
    }, STORAGE_WAIT_MS);
  });
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}

/**
 * Write `value` at `key`. A page whose read of that key went unanswered never saw what an
 * earlier visit kept there, and its defaults must not replace it once the storage answers:
 * its write waits for that read, and is dropped when something was kept.
 */
async function write(key: string, value: unknown): Promise<void> {
  const late = unanswered.get(key);
  if (late && (await late) !== undefined) return;
  await set(key, value, db());
}

const INDEX = 'user-samples';
const SETTINGS = 'settings';

/** A storage failure in words; a full store says whether the user has samples of their own here to delete. */
async function explain(err: unknown, what: string, plural = false): Promise<StorageError> {
  const name = err instanceof DOMException ? err.name : '';
  const stays = plural ? 'they stay' : 'it stays';
  if (name === 'QuotaExceededError') return new StorageError(storageFullMessage(what, (await listUserSamples()).length, plural));
  return new StorageError(
    `${what[0].toUpperCase()}${what.slice(1)} could not be saved (${name || String(err)}); ${stays} until you reload.`,
  );
}

/** The list of the user's samples as stored, entries unchecked (a rewrite keeps those this version cannot read). */
async function storedIndex(): Promise<unknown[]> {
  const raw = await get<unknown>(INDEX, db());
  return Array.isArray(raw) ? (raw as unknown[]) : [];
}

const idOf = (m: unknown) => (typeof m === 'object' && m !== null ? (m as { id?: unknown }).id : undefined);

/** The user's samples, each entry checked: those that cannot be used are named in `unusable`. */
export async function loadUserSampleIndex(): Promise<SampleIndex> {
  try {
    return readSampleIndex(await answered<unknown>(INDEX));
  } catch {
    return { samples: [], unusable: [] }; // IndexedDB unavailable (private mode, blocked): nothing stored
  }
}

export async function listUserSamples(): Promise<UserSampleMeta[]> {
  return (await loadUserSampleIndex()).samples;
}

/**
 * Keep a user's sample: `data` is best the File itself — IndexedDB stores a Blob by
 * reference to the browser's disk-backed copy, with no second copy of the bytes in the page.
 */
export async function saveUserSample(meta: UserSampleMeta, data: Blob | ArrayBuffer): Promise<void> {
  try {
    await set(`sample:${meta.id}`, data, db());
    const index = await storedIndex();
    await set(INDEX, [...index.filter((m) => idOf(m) !== meta.id), meta], db());
  } catch (err) {
    await del(`sample:${meta.id}`, db()).catch(() => {});
    throw await explain(err, `“${meta.name}”`);
  }
}

/** Add a kept sample's content hash to its entry (taken after it was kept); nothing if it is gone. */
export async function saveUserSampleHash(id: string, hash: string): Promise<void> {
  const index = await storedIndex();
  if (!index.some((m) => idOf(m) === id)) return;
  await set(
    INDEX,
    index.map((m) => (idOf(m) === id ? { ...(m as UserSampleMeta), hash } : m)),
    db(),
  );
}

/** A user's sample's bytes: kept as a Blob (since 2026-12) or, by earlier versions, as an ArrayBuffer. */
export async function loadUserSampleBytes(id: string): Promise<ArrayBuffer | undefined> {
  const kept = await loadUserSample(id);
  return kept instanceof Blob ? kept.arrayBuffer() : kept;
}

/** The user's sample as kept: a Blob (read it a slice at a time), or the bytes older versions kept. */
export function loadUserSample(id: string): Promise<Blob | ArrayBuffer | undefined> {
  return get<Blob | ArrayBuffer>(`sample:${id}`, db());
}

export async function deleteUserSample(id: string): Promise<void> {
  await del(`sample:${id}`, db());
  await set(
    INDEX,
    (await storedIndex()).filter((m) => idOf(m) !== id),
    db(),
  );
}

export async function saveSession(session: StoredSession): Promise<void> {
  try {
    await write(SETTINGS, session);
  } catch (err) {
    throw await explain(err, 'the current settings', true);
  }
}

/** The stored session as it was written, by whichever version of the lab: check it with restoreSession(). */
export async function loadSession(): Promise<unknown> {
  try {
    return await answered<unknown>(SETTINGS);
  } catch {
    return undefined;
  }
}

/** Small state other parts of the lab keep across reloads (the last capture, the designer's parameters). */
export async function saveValue(key: string, value: unknown, what: string): Promise<void> {
  try {
    await write(`state:${key}`, value);
  } catch (err) {
    throw await explain(err, what);
  }
}

export async function loadValue<T>(key: string): Promise<T | undefined> {
  try {
    return await answered<T>(`state:${key}`);
  } catch {
    return undefined;
  }
}

export async function deleteValue(key: string): Promise<void> {
  await del(`state:${key}`, db()).catch(() => {});
}

const OWN_SCENES = 'own-scenes';

/** The teacher's own scenes: entries of the scenes file (version 2), as saved; read them with readOwnScenes(). */
export async function loadOwnScenes(): Promise<unknown> {
  try {
    return await answered<unknown>(OWN_SCENES);
  } catch {
    return undefined;
  }
}

export async function saveOwnScenes(entries: readonly unknown[]): Promise<void> {
  try {
    await write(OWN_SCENES, entries);
  } catch (err) {
    throw await explain(err, 'your scenes', true);
  }
}

/** The page address's fragment (after #): a shared comparison or a demo scene. */
export function readAddress(): string {
  return location.hash;
}

/** The page's address without its fragment: what a shared link starts with. */
export function addressBase(): string {
  return `${location.origin}${location.pathname}`;
}

/** Replace the fragment without a new history entry ('' clears it). */
export function replaceAddress(hash: string): void {
  const fragment = hash && !hash.startsWith('#') ? `#${hash}` : hash;
  history.replaceState(null, '', `${location.pathname}${location.search}${fragment}`);
}

/** Writes the session a moment after the last change (a slider drag is many changes). */
export class SessionWriter {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly delayMs = 300,
  ) {}

  /** Save `session`, and put `address` in the URL unless it is null (the address is left as it is). */
  schedule(session: StoredSession, address: string | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      saveSession(session).catch(this.onError);
      if (address !== null) replaceAddress(address);
    }, this.delayMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
