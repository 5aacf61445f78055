import { afterEach, describe, expect, it } from 'vitest';
import { Analyser, getDestination } from 'tone';
import { ABPlayer } from './ab-player';
import { defaultSettings } from '../../src/audio/settings';
import { toDb } from '../../src/analysis/levels';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A full-scale 440 Hz sine, mono, at 48 kHz: RMS −3.01 dBFS. */
function sineBuffer(seconds: number): AudioBuffer {
  const rate = 48_000;
  const buffer = new AudioBuffer({ length: seconds * rate, sampleRate: rate, numberOfChannels: 1 });
  const data = buffer.getChannelData(0);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin((2 * Math.PI * 440 * i) / rate);
  return buffer;
}

describe('room-tone bed under B, live (real AudioContext)', () => {
  let player: ABPlayer | null = null;
  let analyser: Analyser | null = null;
  afterEach(() => {
    player?.dispose();
    analyser?.dispose();
    player = analyser = null;
  });

  /** RMS (dBFS) of what reaches the speakers, over one analyser frame. */
  function outputRmsDb(): number {
    const frame = analyser!.getValue();
    let sum = 0;
    for (const v of frame) sum += v * v;
    return toDb(Math.sqrt(sum / frame.length));
  }

  it('is heard on B at its level, looped past its own length, and not at all on A', async () => {
    // A silent clip: whatever comes out is the bed. Reverb off, so B is the clip + bed.
    const clip = new AudioBuffer({ length: 48_000, sampleRate: 48_000, numberOfChannels: 1 });
    const settings = defaultSettings('');
    settings.reverb.enabled = false;
    player = new ABPlayer(settings, null);
    player.setClip(clip);
    analyser = new Analyser('waveform', 2048);
    getDestination().connect(analyser);
    player.setBed(sineBuffer(0.1), -20); // 100 ms bed, looped

    player.select('B', 0);
    expect(await player.play()).toBe(true);
    await sleep(400); // past the bed's own 100 ms: only a loop still sounds
    const onB = outputRmsDb();
    player.select('A', 0);
    await sleep(100);
    const onA = outputRmsDb();
    player.pause();
    console.log(`bed at −20 dB: B ${onB.toFixed(2)} dBFS, A ${onA} dBFS`);
    // −20 dB of a −3.01 dBFS sine.
    expect(onB).toBeGreaterThan(-23.5);
    expect(onB).toBeLessThan(-22.5);
    expect(onA).toBeLessThan(-90);
  });
});
