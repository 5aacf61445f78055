/**
 * IndexedDB that does not answer: another tab holds the lab's database open and blocks an
 * upgrade of it, so every open after that upgrade request waits. The lab must open anyway
 * (with its defaults, saying why) rather than wait for the stored session forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import App from '../../src/App.svelte';
import { LabState } from '../../src/state/lab.svelte';
import { slotA, slotB } from './default-slots';

/** Open the database (with the lab's store: it may be the first to create it) and keep it open. */
function openKept(version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('canyon-lab', version);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains('kv')) request.result.createObjectStore('kv');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(String(request.error)));
  });
}

let holder: IDBDatabase;
let upgraded: Promise<IDBDatabase>;
let app: ReturnType<typeof mount> | null = null;

/** What the user had kept: the session a page that could not read it must not write over. */
const KEPT = { kept: 'the session of an earlier visit' };

function storedSession(db: IDBDatabase): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = db.transaction('kv').objectStore('kv').get('settings');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(String(request.error)));
  });
}

beforeAll(async () => {
  // The "other tab": a connection that ignores versionchange, and an upgrade it blocks.
  holder = await openKept();
  await new Promise((resolve) => {
    const t = holder.transaction('kv', 'readwrite');
    t.objectStore('kv').put(KEPT, 'settings');
    t.oncomplete = resolve;
  });
  upgraded = openKept(holder.version + 1);
});

afterAll(async () => {
  if (app) await unmount(app);
  document.body.innerHTML = '';
});

describe('storage that does not answer', () => {
  it('the lab opens with its defaults, says why, and plays', async () => {
    const target = document.createElement('div');
    document.body.append(target);
    const lab = new LabState();
    app = mount(App, { target, props: { lab } });
    await expect.poll(() => slotB(lab).rendered !== null && !lab.comparison.rendering, { timeout: 40_000 }).toBe(true);
    expect(slotA(lab).audio).not.toBeNull();
    expect(target.textContent).toContain("This browser's storage did not answer");
    await lab.transport.play();
    await expect.poll(() => lab.transport.position, { timeout: 5000 }).toBeGreaterThan(0.05);
    lab.transport.pause();
    // A change the lab keeps in its session: its write waits for the silent storage.
    lab.transport.setOutputLevel(-12);
    await new Promise((resolve) => setTimeout(resolve, 600));
  }, 60_000);

  it('and once the storage answers again, the session kept there is still the one the user had', async () => {
    holder.close(); // the upgrade goes through, and the lab's own waiting writes after it
    const db = await upgraded;
    db.close();
    // The lab's writes queued while the storage was silent land now, if it made any.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const again = await openKept();
    expect(await storedSession(again)).toEqual(KEPT);
    again.close();
  }, 30_000);
});
