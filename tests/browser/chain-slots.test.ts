/**
 * The chain's two convolver slots: only the one being heard may convolve (the other
 * would double the chain's cost), and cutting the faded-out one must be inaudible.
 */
import { describe, expect, it } from 'vitest';
import { Context, getContext, setContext } from 'tone';
import { ProcessingChain } from '../../src/audio/chain';
import { defaultSettings } from '../../src/audio/settings';
import { ensureLabContext } from '../../src/audio/context';
import { windowRmsDb } from '../../src/analysis/levels';
import { channelsOf, loadSample } from './helpers';

const SAMPLE_RATE = 48_000;
const QUANTUM = 128 / SAMPLE_RATE;
/** A time on a render-quantum boundary, where an OfflineAudioContext can be suspended. */
const onQuantum = (seconds: number) => Math.round(seconds / QUANTUM) * QUANTUM;

function wetSettings() {
  const s = defaultSettings('ir-antwerp-street');
  s.reverb.wet = 1;
  return s;
}

/** Two steady tones, so the convolvers have signal at every moment of the swap. */
function toneClip(seconds: number): AudioBuffer {
  const buffer = new AudioBuffer({ length: Math.round(seconds * SAMPLE_RATE), sampleRate: SAMPLE_RATE, numberOfChannels: 1 });
  const data = buffer.getChannelData(0);
  for (let i = 0; i < data.length; i++) {
    const t = i / SAMPLE_RATE;
    data[i] = 0.5 * Math.sin(2 * Math.PI * 440 * t) + 0.3 * Math.sin(2 * Math.PI * 1234 * t);
  }
  return buffer;
}

function largestDifference(a: AudioBuffer, b: AudioBuffer): number {
  let worst = 0;
  for (let c = 0; c < Math.max(a.numberOfChannels, b.numberOfChannels); c++) {
    const x = a.getChannelData(Math.min(c, a.numberOfChannels - 1));
    const y = b.getChannelData(Math.min(c, b.numberOfChannels - 1));
    for (let i = 0; i < Math.min(x.length, y.length); i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  }
  return worst;
}

/**
 * Swap the IR with a live-style 30 ms fade half-way through an offline render. The
 * chain lives in a Tone Context over a plain OfflineAudioContext, so its clock is the
 * audio clock; `tick` drives Tone's timeouts every 10 ms of audio, as the live ticker does.
 */
async function renderRampedSwap(irA: AudioBuffer, irB: AudioBuffer, tick: boolean) {
  const seconds = 1.2;
  const raw = new OfflineAudioContext(2, Math.round(seconds * SAMPLE_RATE), SAMPLE_RATE);
  const tone = new Context({ context: raw, lookAhead: 0, clockSource: 'offline' });
  const previous = getContext();
  setContext(tone);
  let chain: ProcessingChain;
  try {
    chain = new ProcessingChain(wetSettings(), irA);
    const source = new AudioBufferSourceNode(raw, { buffer: toneClip(seconds) });
    source.connect(chain.input.input as unknown as AudioNode);
    chain.output.connect(raw.destination);
    source.start(0);
  } finally {
    setContext(previous);
  }
  const slots: number[] = [];
  void raw.suspend(onQuantum(0.5)).then(() => {
    chain.setImpulseResponse(irB, 0.03);
    slots.push(chain.convolvingSlots);
    void raw.resume();
  });
  if (tick) {
    for (let t = 0.51; t < 1.1; t += 0.01) {
      void raw.suspend(onQuantum(t)).then(() => {
        tone.emit('tick');
        void raw.resume();
      });
    }
  }
  const out = await raw.startRendering();
  slots.push(chain.convolvingSlots);
  chain.dispose();
  return { out, slotsAfterSwap: slots[0], slotsAtEnd: slots[1] };
}

describe('ProcessingChain convolver slots (real Chromium Web Audio)', () => {
  it('convolves in one slot only, also right after an IR change without a fade', async () => {
    const [irA, irB] = await Promise.all([loadSample('ir-antwerp-street'), loadSample('ir-balloon-room')]);
    ensureLabContext(); // the live context at 48 kHz, as the player makes it
    const fresh = new ProcessingChain(wetSettings(), irA);
    expect(fresh.convolvingSlots).toBe(1);
    fresh.setImpulseResponse(irB, 0);
    expect(fresh.convolvingSlots).toBe(1);
    expect(fresh.impulseResponse).toBe(irB);
    fresh.dispose();
  });

  it('after a faded IR change the old slot is cut once its fade is over, and the cut is inaudible', async () => {
    const [irA, irB] = await Promise.all([loadSample('ir-antwerp-street'), loadSample('ir-balloon-room')]);
    const cut = await renderRampedSwap(irA, irB, true);
    const kept = await renderRampedSwap(irA, irB, false);
    expect(cut.slotsAfterSwap).toBe(2); // both sound during the fade
    expect(cut.slotsAtEnd).toBe(1); // the faded-out one was cut
    expect(kept.slotsAtEnd).toBe(2); // without clock ticks nothing was cut: the reference
    const diff = largestDifference(cut.out, kept.out);
    console.info(`largest difference cut vs kept: ${diff === 0 ? 'none' : `${(20 * Math.log10(diff)).toFixed(1)} dBFS`}`);
    expect(diff).toBeLessThan(1e-6); // −120 dBFS: cutting a slot at gain 0 changes nothing
    // …and the new IR is really heard after the cut: the wet-only output is not silent.
    expect(windowRmsDb(channelsOf(cut.out), SAMPLE_RATE, 1.0, 1.1)).toBeGreaterThan(-40);
  });

  it('an IR change does not alter the render: swapping to B gives exactly a chain built with B', async () => {
    const [irA, irB] = await Promise.all([loadSample('ir-antwerp-street'), loadSample('ir-balloon-room')]);
    const clip = toneClip(0.3);
    const { Offline, Player, ToneAudioBuffer } = await import('tone');
    // Both through the bare chain (renderProcessed would add pre-roll and trim latency).
    const render = (build: () => ProcessingChain) =>
      Offline(
        () => {
          const chain = build();
          chain.output.toDestination();
          const player = new Player(new ToneAudioBuffer(clip));
          player.connect(chain.input);
          player.start(0);
        },
        clip.duration + irB.duration,
        2,
        SAMPLE_RATE,
      );
    const direct = await render(() => new ProcessingChain(wetSettings(), irB));
    const swapped = await render(() => {
      const chain = new ProcessingChain(wetSettings(), irA);
      chain.setImpulseResponse(irB, 0);
      return chain;
    });
    expect(largestDifference(direct.get()!, swapped.get()!)).toBeLessThan(1e-6);
  });
});
