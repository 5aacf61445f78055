/**
 * A session stored in IndexedDB by an earlier lab, or damaged, restored by the real page:
 * the stored data is written the way idb-keyval wrote it, then the app is mounted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import { clear, createStore, set } from 'idb-keyval';
import App from '../../src/App.svelte';
import { LabState } from '../../src/state/lab.svelte';
import storedByVersion1 from '../fixtures/session-v1.json';
import { slotA, slotB } from './default-slots';

const store = () => createStore('canyon-lab', 'kv');

async function mountWith(stored: unknown): Promise<{ lab: LabState; target: HTMLElement }> {
  await clear(store());
  await set('settings', stored, store());
  const target = document.createElement('div');
  document.body.append(target);
  const lab = new LabState();
  app = mount(App, { target, props: { lab } });
  await expect.poll(() => slotB(lab).rendered !== null && !lab.comparison.rendering, { timeout: 30_000 }).toBe(true);
  return { lab, target };
}

let app: ReturnType<typeof mount> | null = null;
afterEach(async () => {
  if (app) await unmount(app);
  app = null;
  document.body.innerHTML = '';
  await clear(store());
});

describe('restoring the stored session', () => {
  it('brings back a session stored before sessions were versioned: clip, space, compressor', async () => {
    const { lab, target } = await mountWith(storedByVersion1);
    expect(slotA(lab).source).toBe('snare-dry');
    expect(slotB(lab).settings.reverb.irId).toBe('ir-boulevard');
    expect(slotB(lab).settings.compressor.enabled).toBe(true);
    expect((target.querySelector('#clip-select') as HTMLSelectElement).value).toBe('snare-dry');
    expect(target.querySelector('[role="alert"], .warning')).toBeNull();
  });

  it('resets what it cannot use, says so, and works on', async () => {
    const damaged = structuredClone(storedByVersion1) as Record<string, unknown>;
    (damaged.settings as { compressor: Record<string, unknown> }).compressor.ratio = 'eight';
    damaged.clipId = 'a-clip-that-is-gone';
    damaged.extra = true;
    const { lab, target } = await mountWith(damaged);
    expect(slotA(lab).source).toBe('gm-gunshot-canned'); // the default: the stored one is gone
    expect(slotB(lab).settings.compressor.ratio).toBe(8);
    expect(slotB(lab).settings.reverb.irId).toBe('ir-boulevard'); // the rest is kept
    await expect.poll(() => target.textContent).toContain('settings.compressor.ratio must be a number from 1 to 20');
    expect(slotA(lab).audio).not.toBeNull();
  });
});
