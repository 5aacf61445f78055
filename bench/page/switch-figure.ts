/**
 * Figure 5: A/B switch latency. The app's switch is SideSelector.select(side,
 * AB_CROSSFADE_SECONDS), called from a key or click handler. Here the same call is made
 * while an OfflineAudioContext is suspended at a known frame (as a UI event runs between
 * two render quanta), with A = +0.5 and B = −0.5 constant signals, so the output tells
 * exactly when the switch starts to be heard and when only B is left.
 *
 * What this cannot see: the output device's own buffer (hardware latency), which adds
 * the same delay to any Web Audio app and is the AudioContext's `outputLatency`.
 */
import { Context, getContext, setContext } from 'tone';
import { SideSelector } from '../../src/audio/side-selector';
import { AB_CROSSFADE_SECONDS, LAB_SAMPLE_RATE } from '../../src/audio/constants';

export const RENDER_QUANTUM_FRAMES = 128;

export interface SwitchLatency {
  /** Frames from the request to the first output sample that is no longer pure A. */
  startFrames: number;
  /** Frames from the request to the first sample from which on the output is pure B. */
  doneFrames: number;
  crossfadeFrames: number;
}

/** `requestFrame` should not sit on a quantum boundary, as a real click seldom does. */
export async function measureSwitch(requestFrame = LAB_SAMPLE_RATE + 37): Promise<SwitchLatency> {
  const sampleRate = LAB_SAMPLE_RATE;
  const raw = new OfflineAudioContext(1, sampleRate * 2, sampleRate);
  const previous = getContext();
  // A Tone context over this very OfflineAudioContext: Tone nodes built now live in it,
  // and `now()` is its real currentTime (Tone's own OfflineContext fakes the clock).
  const tone = new Context({ context: raw, lookAhead: 0, clockSource: 'offline' });
  setContext(tone);
  let fade: SideSelector<'A' | 'B'>;
  try {
    fade = new SideSelector(['A', 'B'], 'A');
    const a = new ConstantSourceNode(raw, { offset: 0.5 });
    const b = new ConstantSourceNode(raw, { offset: -0.5 });
    a.connect(fade.input('A').input as AudioNode);
    b.connect(fade.input('B').input as AudioNode);
    fade.output.connect(raw.destination);
    a.start(0);
    b.start(0);
  } finally {
    setContext(previous);
  }
  // The audio thread only looks at new automation between two render quanta: a request
  // at requestFrame is acted on at the next quantum boundary. suspend() stops there too.
  const suspendFrame = Math.ceil(requestFrame / RENDER_QUANTUM_FRAMES) * RENDER_QUANTUM_FRAMES;
  void raw.suspend(suspendFrame / sampleRate).then(() => {
    fade.select('B', AB_CROSSFADE_SECONDS);
    void raw.resume();
  });
  const out = (await raw.startRendering()).getChannelData(0);
  const tolerance = 1e-6;
  let firstChange = -1;
  for (let i = 0; i < out.length; i++) {
    if (Math.abs(out[i] - 0.5) > tolerance) {
      firstChange = i;
      break;
    }
  }
  let lastNotB = -1;
  for (let i = out.length - 1; i >= 0; i--) {
    if (Math.abs(out[i] + 0.5) > tolerance) {
      lastNotB = i;
      break;
    }
  }
  if (firstChange < 0 || lastNotB >= out.length - 1) throw new Error('the switch never happened in the render');
  return {
    startFrames: firstChange - requestFrame,
    doneFrames: lastNotB + 1 - requestFrame,
    crossfadeFrames: Math.round(AB_CROSSFADE_SECONDS * sampleRate),
  };
}
