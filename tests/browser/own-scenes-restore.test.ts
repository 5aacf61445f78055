/**
 * The teacher's own scenes as another version or a damaged store may have left them: not
 * a list. They must be shown with their problem and kept when a scene is added, not
 * dropped and then overwritten by the next save.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clear, createStore, get, set } from 'idb-keyval';
import { Library } from '../../src/state/library.svelte';
import { Notifications } from '../../src/state/notifications.svelte';
import { OwnScenes } from '../../src/state/own-scenes.svelte';

const store = () => createStore('canyon-lab', 'kv');
afterEach(() => clear(store()));

describe('own scenes restored', () => {
  it('a record that is not a list is shown with its problem and kept when a scene is added', async () => {
    const odd = { id: 'old', title: 'From another version', scenes: 'many' };
    await set('own-scenes', odd, store());
    const notes = new Notifications();
    const own = new OwnScenes(new Library(notes), notes);
    await own.restore();
    expect(own.read.problems).toHaveLength(1);
    expect(own.read.problems[0]).toContain('From another version');
    const added = {
      id: 'mine',
      title: 'Mine',
      caption: 'Two takes.',
      slots: [
        { label: 'A', source: 'snare-dry' },
        { label: 'B', sameSourceAs: 'A' },
      ],
    };
    expect(await own.add([added])).toBe(true);
    expect(own.scenes.map((s) => s.id)).toEqual(['mine']);
    expect(await get('own-scenes', store())).toEqual([odd, added]);
  });
});
