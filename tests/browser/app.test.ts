import { afterEach, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import { clear, createStore } from 'idb-keyval';
import App from '../../src/App.svelte';
import { paintedPixels } from './helpers';

describe('the app in the browser', () => {
  let app: ReturnType<typeof mount> | null = null;
  afterEach(() => {
    if (app) void unmount(app);
    app = null;
    document.body.innerHTML = '';
  });

  it('mounts, loads the default bundled clip and draws both waveforms', async () => {
    // A first visit: nothing kept by other tests on this origin.
    await clear(createStore('canyon-lab', 'kv'));
    const target = document.createElement('div');
    document.body.append(target);
    app = mount(App, { target });
    const views = () => [...target.querySelectorAll('[data-testid="waveform"]')];
    await expect.poll(() => views().length).toBe(2);
    await expect.poll(() => target.querySelector('[aria-busy="true"]'), { timeout: 30_000 }).toBeNull();
    await expect.poll(() => paintedPixels(views()[0]), { timeout: 10_000 }).toBeGreaterThan(500);
    await expect.poll(() => paintedPixels(views()[1]), { timeout: 10_000 }).toBeGreaterThan(500);
    expect(target.querySelector('[role="alert"]')).toBeNull();
    expect((target.querySelector('#clip-select') as HTMLSelectElement).value).toBe('gm-gunshot-canned');
  });
});
