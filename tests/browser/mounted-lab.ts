/** The whole lab mounted on the test page, as a user opens it: ready once B's first render has landed. */
import { expect } from 'vitest';
import { mount, unmount } from 'svelte';
import { clear, createStore } from 'idb-keyval';
import App from '../../src/App.svelte';
import { LabState } from '../../src/state/lab.svelte';

let app: ReturnType<typeof mount> | null = null;

/** A first visit: whatever other test files kept on this origin's IndexedDB is cleared first. */
export async function mountLab(): Promise<{ lab: LabState; target: HTMLElement }> {
  await clear(createStore('canyon-lab', 'kv'));
  const target = document.createElement('div');
  document.body.append(target);
  const lab = new LabState();
  app = mount(App, { target, props: { lab } });
  const { comparison } = lab;
  await expect.poll(() => comparison.slots[1]?.rendered != null && !comparison.rendering, { timeout: 30_000 }).toBe(true);
  return { lab, target };
}

/** For afterEach: take the lab off the page and leave nothing stored for the next file. */
export async function unmountLab(): Promise<void> {
  if (app) await unmount(app);
  app = null;
  document.body.innerHTML = '';
  await clear(createStore('canyon-lab', 'kv'));
}
