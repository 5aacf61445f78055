import { afterEach, describe, expect, it } from 'vitest';
import { getContext } from 'tone';
import { ABPlayer } from './ab-player';
import { defaultSettings } from '../../src/audio/settings';
import { loadSample } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live A/B player (real AudioContext, autoplay allowed by the test browser flags)', () => {
  let player: ABPlayer | null = null;
  afterEach(() => {
    player?.dispose();
    player = null;
  });

  it('runs the live context at the lab rate so 48 kHz IRs load into the convolver', async () => {
    const ir = await loadSample('ir-antwerp-street');
    player = new ABPlayer(defaultSettings('ir-antwerp-street'), ir);
    expect(getContext().sampleRate).toBe(48_000);
    expect(player.chain.impulseResponse).toBe(ir);
  });

  it('switching A ↔ B while playing keeps the position advancing (no restart)', async () => {
    const [clip, ir] = await Promise.all([loadSample('ufoai-pistol'), loadSample('ir-antwerp-street')]);
    player = new ABPlayer(defaultSettings('ir-antwerp-street'), ir);
    player.setClip(clip);
    expect(await player.play()).toBe(true);
    await sleep(300);
    const beforeSwitch = player.position;
    expect(beforeSwitch).toBeGreaterThan(0.2);
    player.select('B');
    await sleep(150);
    const afterSwitch = player.position;
    player.select('A');
    await sleep(150);
    const afterSecondSwitch = player.position;
    expect(player.playing).toBe(true);
    // A restart would put the position back near 0; it must keep growing with wall time.
    expect(afterSwitch).toBeGreaterThan(beforeSwitch + 0.1);
    expect(afterSecondSwitch).toBeGreaterThan(afterSwitch + 0.1);
    expect(player.selected).toBe('A');
  });

  it('pause holds the position, seek moves it, and playback ends after clip + tail', async () => {
    const [clip, ir] = await Promise.all([loadSample('snare-dry'), loadSample('ir-antwerp-street')]);
    player = new ABPlayer(defaultSettings('ir-antwerp-street'), ir);
    player.setClip(clip);
    expect(player.length).toBeCloseTo(clip.duration + ir.duration, 6);
    player.seek(0.5);
    expect(player.position).toBeCloseTo(0.5, 2);
    let ended = false;
    player.onEnded = () => (ended = true);
    await player.play();
    await sleep(100);
    player.pause();
    const held = player.position;
    await sleep(100);
    expect(player.position).toBeCloseTo(held, 3);
    await player.play();
    await sleep((player.length - held) * 1000 + 300);
    expect(ended).toBe(true);
    expect(player.playing).toBe(false);
  });
});
