/**
 * The lab's database as another version may leave it: the same name, a later version, and
 * no store of the lab's ('kv'). The lab must keep what the user adds all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadValue, saveValue } from '../../src/state/session-store';

/** Open `version` of the lab's database, changing its stores in the upgrade. */
function openAt(version: number | undefined, upgrade: (db: IDBDatabase) => void = () => {}): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('canyon-lab', version);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(String(request.error)));
    request.onblocked = () => reject(new Error('blocked by another connection'));
  });
}

beforeAll(async () => {
  const current = await openAt(undefined, (db) => db.createObjectStore('kv'));
  const version = current.version;
  current.close();
  // A later version of the database with a store of its own and without the lab's.
  const other = await openAt(version + 1, (db) => {
    if (db.objectStoreNames.contains('kv')) db.deleteObjectStore('kv');
    if (!db.objectStoreNames.contains('other')) db.createObjectStore('other');
  });
  expect([...other.objectStoreNames]).toEqual(['other']);
  other.close();
});

afterAll(async () => {
  const db = await openAt(undefined);
  expect(db.objectStoreNames.contains('kv')).toBe(true); // later test files find the lab's store
  db.close();
});

describe('a database left by another version without the lab store', () => {
  it('what the lab keeps is written and read back, and the other store is left as it was', async () => {
    await saveValue('probe', { kept: 42 }, 'a probe');
    expect(await loadValue('probe')).toEqual({ kept: 42 });
    const db = await openAt(undefined);
    expect([...db.objectStoreNames].sort()).toEqual(['kv', 'other']);
    db.close();
  });
});
