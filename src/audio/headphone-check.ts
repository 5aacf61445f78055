/**
 * Signals for the headphone check that listening-test tools run before a session:
 * which ear is which, and whether both earpieces have the same polarity.
 *
 * The test sound is pink noise low-passed at 800 Hz (Tone.Noise → Tone.Filter, rendered
 * offline), in 600 ms bursts: low frequencies are where a polarity flip is heard best —
 * in phase the sound sits in the middle of the head, out of phase it is diffuse and
 * seems to come from both sides or behind.
 */
import { Filter, Noise, Offline, Player, ToneAudioBuffer } from 'tone';
import { LAB_SAMPLE_RATE } from './constants';
import { ensureLabContext, resumeAudio } from './context';

export type CheckSignal = 'left' | 'right' | 'in-phase' | 'out-of-phase';

const BURST_SECONDS = 0.6;
const GAP_SECONDS = 0.25;
const BURSTS = 3;
/** Noise level, linear: about −20 dBFS RMS, comfortable on headphones. */
const LEVEL = 0.25;

let noise: Promise<Float32Array> | null = null;

/** Mono low-passed pink noise, rendered once. */
function lowNoise(): Promise<Float32Array> {
  noise ??= Offline(
    () => {
      const filter = new Filter(800, 'lowpass', -24).toDestination();
      new Noise('pink').connect(filter).start(0);
    },
    BURST_SECONDS,
    1,
    LAB_SAMPLE_RATE,
  ).then((b) => b.getChannelData(0).slice());
  return noise;
}

/** The stereo check signal: three bursts with 20 ms fades, in the ears the kind asks for. */
export async function checkSignal(kind: CheckSignal): Promise<AudioBuffer> {
  const mono = await lowNoise();
  let peak = 0;
  for (const v of mono) peak = Math.max(peak, Math.abs(v));
  const burst = mono.length;
  const gap = Math.round(GAP_SECONDS * LAB_SAMPLE_RATE);
  const fade = Math.round(0.02 * LAB_SAMPLE_RATE);
  const out = new AudioBuffer({ length: BURSTS * (burst + gap), numberOfChannels: 2, sampleRate: LAB_SAMPLE_RATE });
  const left = out.getChannelData(0);
  const right = out.getChannelData(1);
  const gainL = kind === 'right' ? 0 : 1;
  const gainR = kind === 'left' ? 0 : kind === 'out-of-phase' ? -1 : 1;
  for (let b = 0; b < BURSTS; b++) {
    const start = b * (burst + gap);
    for (let i = 0; i < burst; i++) {
      const env = Math.min(1, i / fade, (burst - 1 - i) / fade);
      const v = (mono[i] / peak) * LEVEL * env;
      left[start + i] = gainL * v;
      right[start + i] = gainR * v;
    }
  }
  return out;
}

let current: Player | null = null;

/** Play a check signal on the lab's context; false when the browser has not allowed audio yet. */
export async function playCheckSignal(kind: CheckSignal): Promise<boolean> {
  ensureLabContext();
  if (!(await resumeAudio())) return false;
  current?.dispose();
  current = new Player(new ToneAudioBuffer(await checkSignal(kind))).toDestination();
  current.start();
  return true;
}
