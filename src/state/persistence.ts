/**
 * What the user brought, kept in IndexedDB (through idb-keyval) so a reload loses
 * nothing: their clips, recordings and impulse responses (the original bytes, decoded
 * again on load) and the lab's settings.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export type UserSampleKind = 'clip' | 'impulse-response';

export interface UserSampleMeta {
  id: string;
  name: string;
  kind: UserSampleKind;
  addedAt: string;
  bytes: number;
  notes: string[];
}

/** A storage problem with words for the user (quota, private mode, blocked IndexedDB). */
export class StorageError extends Error {}

let store: UseStore | null = null;
function db(): UseStore {
  store ??= createStore('canyon-lab', 'kv');
  return store;
}

const INDEX = 'user-samples';
const SETTINGS = 'settings';

function explain(err: unknown, what: string, plural = false): StorageError {
  const name = err instanceof DOMException ? err.name : '';
  const stays = plural ? 'they stay' : 'it stays';
  if (name === 'QuotaExceededError') {
    return new StorageError(
      `The browser's storage is full, so ${what} ${plural ? 'were' : 'was'} not saved: ${stays} until you reload. Delete older recordings to make room.`,
    );
  }
  return new StorageError(
    `${what[0].toUpperCase()}${what.slice(1)} could not be saved (${name || String(err)}); ${stays} until you reload.`,
  );
}

export async function listUserSamples(): Promise<UserSampleMeta[]> {
  try {
    return (await get<UserSampleMeta[]>(INDEX, db())) ?? [];
  } catch {
    return []; // IndexedDB unavailable (private mode, blocked): nothing stored
  }
}

export async function saveUserSample(meta: UserSampleMeta, bytes: ArrayBuffer): Promise<void> {
  try {
    await set(`sample:${meta.id}`, bytes, db());
    const index = await listUserSamples();
    await set(INDEX, [...index.filter((m) => m.id !== meta.id), meta], db());
  } catch (err) {
    await del(`sample:${meta.id}`, db()).catch(() => {});
    throw explain(err, `“${meta.name}”`);
  }
}

export async function loadUserSampleBytes(id: string): Promise<ArrayBuffer | undefined> {
  return get<ArrayBuffer>(`sample:${id}`, db());
}

export async function deleteUserSample(id: string): Promise<void> {
  await del(`sample:${id}`, db());
  await set(
    INDEX,
    (await listUserSamples()).filter((m) => m.id !== id),
    db(),
  );
}

export async function saveSettings(settings: unknown): Promise<void> {
  try {
    await set(SETTINGS, settings, db());
  } catch (err) {
    throw explain(err, 'the current settings', true);
  }
}

export async function loadSettings<T>(): Promise<T | undefined> {
  try {
    return await get<T>(SETTINGS, db());
  } catch {
    return undefined;
  }
}

/** Small state other parts of the lab keep across reloads (the last capture, the designer's parameters). */
export async function saveValue(key: string, value: unknown, what: string): Promise<void> {
  try {
    await set(`state:${key}`, value, db());
  } catch (err) {
    throw explain(err, what);
  }
}

export async function loadValue<T>(key: string): Promise<T | undefined> {
  try {
    return await get<T>(`state:${key}`, db());
  } catch {
    return undefined;
  }
}

export async function deleteValue(key: string): Promise<void> {
  await del(`state:${key}`, db()).catch(() => {});
}
