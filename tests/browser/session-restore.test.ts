/**
 * A session stored in IndexedDB by an earlier lab, or damaged, restored by the real page:
 * the stored data is written the way idb-keyval wrote it, then the app is mounted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import { clear, createStore, set } from 'idb-keyval';
import App from '../../src/App.svelte';
import { LabState } from '../../src/state/lab.svelte';
import { encodeWav } from '../../src/codec/wav';
import storedByVersion1 from '../fixtures/session-v1.json';
import { slotA, slotB } from './default-slots';

const store = () => createStore('canyon-lab', 'kv');

async function mountWith(stored: unknown, more: Record<string, unknown> = {}): Promise<{ lab: LabState; target: HTMLElement }> {
  await clear(store());
  await set('settings', stored, store());
  for (const [key, value] of Object.entries(more)) await set(key, value, store());
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
  // The lab shares what it shows in the address, and a shared address wins over the stored session: the next test starts without one.
  history.replaceState(null, '', location.pathname + location.search);
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

  it('a stored clip and IR of the user whose bytes no longer decode give way to the defaults, with the reason', async () => {
    const meta = (id: string, name: string, kind: string) => ({ id, name, kind, addedAt: '2026-11-30T10:00:00Z', bytes: 64, notes: [] });
    const broken = new Uint8Array(64).fill(7).buffer; // what a damaged store might hold
    const stored = structuredClone(storedByVersion1) as { clipId: string; settings: { reverb: { irId: string } } };
    stored.clipId = 'user:clip-1';
    stored.settings.reverb.irId = 'user:ir-1';
    const { lab, target } = await mountWith(stored, {
      'user-samples': [meta('user:clip-1', 'take.wav', 'clip'), meta('user:ir-1', 'hall.wav', 'impulse-response')],
      'sample:user:clip-1': broken,
      'sample:user:ir-1': broken,
    });
    await expect.poll(() => slotA(lab).source).toBe('gm-gunshot-canned');
    expect(slotB(lab).settings.reverb.irId).toBe('ir-canyon-narrow');
    expect(slotA(lab).audio).not.toBeNull();
    expect(slotB(lab).ir).not.toBeNull();
    expect(target.textContent).toContain('take.wav (yours) cannot be used any more');
    expect(target.textContent).toContain('hall.wav (yours) cannot be used any more');
    await expect.poll(() => slotB(lab).rendered?.duration ?? 0, { timeout: 30_000 }).toBeGreaterThan(slotA(lab).audio!.duration);
  });

  it('a damaged list of the user samples: the entries it cannot read are named and left out, the others are used', async () => {
    // Half a second of a decaying 440 Hz tone: the user's own clip, kept in a slot.
    const tone = Float32Array.from({ length: 24_000 }, (_, i) => 0.5 * Math.exp(-i / 6000) * Math.sin((2 * Math.PI * 440 * i) / 48_000));
    const stored = structuredClone(storedByVersion1) as { clipId: string };
    stored.clipId = 'user:take-1';
    const good = { id: 'user:take-1', name: 'take.wav', kind: 'clip', addedAt: '2026-11-30T10:00:00Z', bytes: 'many', notes: null };
    const { lab, target } = await mountWith(stored, {
      'user-samples': [null, { id: 'user:gone', name: 'old.wav', kind: 'video' }, good],
      'sample:user:take-1': new Blob([encodeWav({ sampleRate: 48_000, channels: [tone] }, 'float32')]),
    });
    expect(slotA(lab).source).toBe('user:take-1');
    expect(slotA(lab).audio!.duration).toBeCloseTo(0.5, 3);
    expect(lab.library.clips.map((c) => c.title)).toContain('take.wav (yours)');
    await expect
      .poll(() => target.textContent)
      .toContain('could not be read and are left out: an entry without an id (null), “old.wav” (of a kind');
  });

  it('a damaged record of the impulse response made in the lab and in use: named, the default space instead, the lab loads', async () => {
    const stored = structuredClone(storedByVersion1) as { settings: { reverb: { irId: string } } };
    stored.settings.reverb.irId = 'session:captured';
    const { lab, target } = await mountWith(stored, {
      'state:in-use:session:captured': { title: 'Hall', sampleRate: 0, channels: [[0.1, 0.2]] },
    });
    expect(slotB(lab).settings.reverb.irId).toBe('ir-canyon-narrow');
    expect(slotA(lab).audio).not.toBeNull();
    await expect.poll(() => target.textContent).toContain('The impulse response you made and used last time could not be read back');
  });

  it('a shared link naming a clip this lab does not have: said, and the stored session is used', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#v=2&slot=A,1,user:123&slot=B,2,=0`);
    const { lab, target } = await mountWith(storedByVersion1);
    expect(slotA(lab).source).toBe('snare-dry');
    expect(target.textContent).toContain('The shared link could not be opened: it names “user:123”');
  });
});
