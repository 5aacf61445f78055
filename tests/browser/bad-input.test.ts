/**
 * Bad input (issue 5): every kind of bad file, and the microphone and storage refusing,
 * fed through the real app — App mounted with all its components, files handed to the
 * real file input (a real FileList and change event) and decoded by Chromium — with the
 * message the user sees read from the DOM, and then proof that the page still works:
 * another bundled clip is picked, rendered and played.
 *
 * Test audio is made here, in the browser, with the app's own WAV encoder: real files
 * with real headers, decoded by Chromium's decoder like any file a user drops.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { mount, unmount } from 'svelte';
import { clear, createStore } from 'idb-keyval';
import App from '../../src/App.svelte';
import { LabState } from '../../src/state/lab.svelte';
import { encodeWav, type WavSampleFormat } from '../../src/codec/wav';
import { microphoneProblem } from '../../src/audio/microphone';
import { MAX_IR_SECONDS } from '../../src/capture/validate';
import { findSample } from '../../src/samples/catalog';
import { channelsOf } from './helpers';
import { slotA, slotB } from './default-slots';

const RATE = 48_000;

function wavFile(name: string, sampleRate: number, channels: Float32Array[], format: WavSampleFormat = 'pcm16'): File {
  return new File([encodeWav({ sampleRate, channels }, format)], name);
}

/**
 * A long 16-bit mono WAV made of one encoded second repeated (a whole number of periods, so
 * the signal is continuous): no hour of samples on the test page's heap, whose collection
 * would pause the page and be counted against the lab.
 */
function repeatedWav(name: string, sampleRate: number, second: Float32Array, seconds: number): File {
  const one = new Uint8Array(encodeWav({ sampleRate, channels: [second] }, 'pcm16'));
  const header = one.slice(0, 44);
  const view = new DataView(header.buffer);
  view.setUint32(4, 36 + (one.length - 44) * seconds, true);
  view.setUint32(40, (one.length - 44) * seconds, true);
  const data = one.subarray(44);
  return new File([header, ...Array.from({ length: seconds }, () => data)], name);
}

function sine(freq: number, seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  return out;
}

/** Exponentially decaying noise (deterministic): a plausible room response, −60 dB after `t60` s. */
function decayingNoise(seconds: number, t60: number, seed: number, sampleRate = RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = 0.8 * (s / 2 ** 32 - 0.5) * 10 ** ((-3 * i) / (t60 * sampleRate));
  }
  return out;
}

function rms(data: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += data[i] * data[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** Frequency of a steady tone from its rising zero crossings. */
function toneFrequency(data: Float32Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < data.length; i++) if (data[i - 1] < 0 && data[i] >= 0) crossings.push(i);
  return ((crossings.length - 1) * sampleRate) / (crossings.at(-1)! - crossings[0]);
}

/**
 * expect.poll with room to spare (and 2-minute tests): the machine's two CPUs are shared
 * with other test runs, and a render with a 20 s reverb tail takes seconds even when idle.
 */
const eventually = <T>(fn: () => T) => expect.poll(fn, { timeout: 30_000, interval: 50 });

let target: HTMLElement;
let app: ReturnType<typeof mount> | null = null;
let lab: LabState;

const messageTexts = (role: 'alert' | 'status') =>
  [...target.querySelectorAll(`.messages span[role="${role}"]`)].map((e) => e.textContent ?? '');
const alerts = () => messageTexts('alert');
const allMessages = () => [...target.querySelectorAll('.messages li span')].map((e) => e.textContent ?? '').join('\n');
const idle = () => !lab.comparison.loading && !lab.comparison.rendering && !lab.library.importing && slotB(lab).rendered !== null;

/** Forget what earlier tests stored (the lab restores user samples and settings on start). */
async function forgetStoredState(): Promise<void> {
  await clear(createStore('canyon-lab', 'kv'));
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

async function mountLab(): Promise<void> {
  await forgetStoredState();
  // Open on a short clip and IR (a shared comparison in the URL): quick renders on a busy machine.
  history.replaceState(null, '', `${location.pathname}${location.search}#clip=gunshot-canned&ir=ir-open-field`);
  target = document.createElement('div');
  document.body.append(target);
  lab = new LabState();
  app = mount(App, { target, props: { lab } });
  await eventually(idle).toBe(true);
  expect(alerts()).toEqual([]);
}

/**
 * Hand files to the app's file input as the browser does after the file dialog: a real
 * FileList (built with DataTransfer, the only way a page can make one) and a change
 * event. Faster than userEvent.upload for big files, which go through the test server.
 */
async function addFiles(files: File[], kind: 'clip' | 'impulse-response' = 'clip'): Promise<void> {
  await userEvent.selectOptions(target.querySelector('#import-kind')!, kind);
  const input = target.querySelector<HTMLInputElement>('[data-testid="file-input"]')!;
  const list = new DataTransfer();
  for (const f of files) list.items.add(f);
  input.files = list.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The page still works: pick another bundled clip, wait for its render, play it, pause. */
async function pageStillWorks(clipId = 'location-pistol-boulevard'): Promise<void> {
  await eventually(idle).toBe(true);
  await userEvent.selectOptions(target.querySelector('#clip-select')!, clipId);
  await eventually(() => slotA(lab).source).toBe(clipId);
  await eventually(idle).toBe(true);
  expect(slotA(lab).audio!.duration).toBeCloseTo(findSample(clipId)!.duration, 2);
  await userEvent.click(target.querySelector('button.play')!);
  await eventually(() => target.querySelector('button.play')?.textContent?.trim()).toBe('Pause');
  await eventually(() => lab.transport.position).toBeGreaterThan(0.05);
  // Paused directly: on a loaded machine a second click may land after the clip has ended.
  lab.transport.pause();
  expect(allMessages()).not.toContain('Something went wrong');
}

beforeEach(mountLab);
afterEach(async () => {
  if (app) void unmount(app);
  app = null;
  target.remove();
  // The lab saves its settings 300 ms after a change: let that land, then forget it.
  await new Promise((r) => setTimeout(r, 400));
  await forgetStoredState();
});

describe('bad files get a clear message and the page keeps working', { timeout: 120_000 }, () => {
  it('a corrupt file: a WAV with a scrambled header, random bytes, and a WAV cut short', async () => {
    const good = encodeWav({ sampleRate: RATE, channels: [sine(440, 1, RATE)] }, 'pcm16');
    const scrambled = good.slice();
    for (let i = 20; i < 36; i++) scrambled[i] = (i * 37) & 0xff; // the fmt chunk's fields
    const noise = new Uint8Array(20_000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) & 0xff;
    await addFiles([new File([scrambled], 'scrambled.wav'), new File([noise], 'random.mp3')]);
    await eventually(alerts).toEqual([
      '“scrambled.wav” looks like WAV but could not be decoded: the file is corrupt or truncated.',
      '“random.mp3” is not an audio file this browser can read (WAV, AIFF, MP3, Ogg/Opus, FLAC, AAC/M4A, WebM).',
    ]);
    expect(lab.library.clips.some((c) => c.user)).toBe(false);

    // A real bundled file cut off at 60 %, as an interrupted download leaves it.
    const pistol = new Uint8Array(await (await fetch(findSample('gunshot-dry-pistol')!.url)).arrayBuffer());
    const cut = pistol.slice(0, Math.round(pistol.length * 0.6));
    await addFiles([new File([cut], 'pistol-cut.wav')]);
    await eventually(() => slotA(lab).source).toMatch(/^user:/);
    await eventually(idle).toBe(true);
    const bytesPerFrame = new DataView(pistol.buffer).getUint16(32, true); // after a 44-byte header
    const held = Math.floor((cut.length - 44) / bytesPerFrame) / RATE;
    expect(slotA(lab).audio!.duration).toBeCloseTo(held, 3);
    expect(messageTexts('status').join('\n')).toContain(
      `“pistol-cut.wav” is cut short: its header promises 0.80 s but it holds ${held.toFixed(2)} s`,
    );
    await pageStillWorks();
  });

  it('a wrong extension: a WAV named .mp3 is read as what it is; text named .wav is refused', async () => {
    const tone = sine(440, 0.5, RATE);
    // userEvent.upload: the file goes through Playwright's setInputFiles, as from the file dialog.
    await userEvent.selectOptions(target.querySelector('#import-kind')!, 'clip');
    await userEvent.upload(target.querySelector<HTMLInputElement>('[data-testid="file-input"]')!, wavFile('tone.mp3', RATE, [tone]));
    await eventually(() => slotA(lab).source).toMatch(/^user:/);
    await eventually(idle).toBe(true);
    expect(messageTexts('status')).toContain('“tone.mp3” is named .mp3 but is a WAV file; it was read as what it is.');
    expect(slotA(lab).audio!.length).toBe(tone.length);
    expect((target.querySelector('#clip-select') as HTMLSelectElement).selectedOptions[0].textContent).toBe('tone.mp3 (yours)');

    await addFiles([new File(['just some notes, not audio'], 'notes.wav')]);
    await eventually(alerts).toEqual(['“notes.wav” is a text file, not audio.']);
    await pageStillWorks();
  });

  it('a zero-length file', async () => {
    await addFiles([new File([], 'empty.wav')]);
    await eventually(alerts).toEqual(['“empty.wav” is empty (0 bytes).']);
    await pageStillWorks();
  });

  it('a silent clip', async () => {
    await addFiles([wavFile('silence.wav', RATE, [new Float32Array(RATE)])]);
    await eventually(alerts).toEqual(['“silence.wav” is completely silent.']);
    await pageStillWorks();
  });

  it('a clip of NaN and infinite samples (32-bit float WAV)', async () => {
    const nan = sine(440, 0.5, RATE);
    nan[1000] = NaN;
    const inf = sine(440, 0.5, RATE);
    inf[2000] = Infinity;
    inf[2001] = -Infinity;
    await addFiles([wavFile('nan.wav', RATE, [nan], 'float32'), wavFile('inf.wav', RATE, [inf, inf], 'float32')]);
    await eventually(alerts).toEqual([
      '“nan.wav” contains invalid samples (NaN or infinity).',
      '“inf.wav” contains invalid samples (NaN or infinity).',
    ]);
    expect(lab.library.clips.some((c) => c.user)).toBe(false);
    await pageStillWorks();
  });

  it('a 0.1 ms clip', async () => {
    await addFiles([wavFile('click.wav', RATE, [new Float32Array(5).fill(0.5)])]); // 5 samples
    await eventually(alerts).toEqual(['“click.wav” is only 0.10 ms long: too short to hear or measure (at least 10 ms).']);
    await pageStillWorks();
  });

  it('a 1-hour clip is refused at once, from its header, without freezing the page', async () => {
    // A real hour: 8 kHz 16-bit mono, 57.6 MB, a quiet tone throughout.
    const file = repeatedWav('hour.wav', 8000, sine(100, 1, 8000, 0.1), 3600);
    expect(file.size).toBe(44 + 3600 * 8000 * 2);
    // The page's main thread must keep answering: measure the longest gap between timer ticks.
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    const started = performance.now();
    try {
      await addFiles([file]);
      await eventually(alerts).toEqual([
        '“hour.wav” is 60 minutes long: the lab opens up to 20 minutes (a longer clip would need gigabytes of memory to render and compare). Cut out the part you want to compare and add that.',
      ]);
    } finally {
      clearInterval(ticker);
    }
    // Refused from the first 64 KB: no reading of 57 MB, no decoding into 691 MB of samples.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(longestGap).toBeLessThan(1_000);
    expect(lab.library.importing).toBeNull();
    await pageStillWorks();
  });

  it('8 kHz and 192 kHz files are resampled to 48 kHz, keep their length and pitch, and the UI says so', async () => {
    await addFiles([wavFile('phone.wav', 8000, [sine(1000, 1, 8000)])]);
    await eventually(() => lab.library.clips.find((c) => c.id === slotA(lab).source)?.title).toBe('phone.wav (yours)');
    await eventually(idle).toBe(true);
    expect(messageTexts('status')).toContain('Resampled from 8 kHz to 48 kHz for playback; measured at its own 8 kHz.');
    expect(slotA(lab).audio!.sampleRate).toBe(RATE);
    expect(Math.abs(slotA(lab).audio!.length - RATE)).toBeLessThanOrEqual(8);
    // Skip the resampler's edges; the tone must still be 1 kHz.
    expect(toneFrequency(channelsOf(slotA(lab).audio!)[0].subarray(2400, RATE - 2400), RATE)).toBeCloseTo(1000, 0);

    const hiRes = sine(1000, 1, 192_000);
    await addFiles([wavFile('hires.wav', 192_000, [hiRes, hiRes], 'pcm24')]);
    await eventually(() => lab.library.clips.find((c) => c.id === slotA(lab).source)?.title).toBe('hires.wav (yours)');
    await eventually(idle).toBe(true);
    expect(messageTexts('status')).toContain('Resampled from 192 kHz to 48 kHz for playback; measured at its own 192 kHz.');
    expect(slotA(lab).audio!.sampleRate).toBe(RATE);
    expect(slotA(lab).audio!.numberOfChannels).toBe(2);
    expect(Math.abs(slotA(lab).audio!.length - RATE)).toBeLessThanOrEqual(8);
    expect(toneFrequency(channelsOf(slotA(lab).audio!)[1].subarray(2400, RATE - 2400), RATE)).toBeCloseTo(1000, 0);
    expect(alerts()).toEqual([]);
    await pageStillWorks();
  });
});

describe('bad impulse responses', { timeout: 120_000 }, () => {
  it('an IR longer than 20 s is held back with an offer; trimming gives a 20 s IR that renders', async () => {
    const before = slotB(lab).settings.reverb.irId;
    await addFiles([wavFile('cathedral.wav', RATE, [decayingNoise(25, 4, 1)])], 'impulse-response');
    const offer = `“cathedral.wav”: The impulse response is 25.0 s long; more than ${MAX_IR_SECONDS} s is slow to convolve and rarely real. Trim it to ${MAX_IR_SECONDS} s?`;
    await eventually(() => messageTexts('status')).toContain(offer);
    // Not used until the user chooses.
    expect(slotB(lab).settings.reverb.irId).toBe(before);
    expect(lab.library.impulseResponses.some((i) => i.user)).toBe(false);
    const trim = [...target.querySelectorAll('.messages button')].find((b) => b.textContent === 'Trim to 20 s')!;
    expect([...target.querySelectorAll('.messages button')].map((b) => b.textContent)).toContain('Use all 25.0 s');
    await userEvent.click(trim);
    await eventually(() => lab.library.impulseResponses.find((i) => i.id === slotB(lab).settings.reverb.irId)?.title).toBe(
      'cathedral (first 20 s).wav (yours)',
    );
    await eventually(() => slotB(lab).ir?.duration).toBe(MAX_IR_SECONDS);
    await eventually(idle).toBe(true);
    expect(messageTexts('status')).not.toContain(offer); // choosing dismissed it
    // B carries the clip plus the whole 20 s tail, and the tail is there.
    expect(slotB(lab).rendered!.duration).toBeCloseTo(slotA(lab).audio!.duration + MAX_IR_SECONDS, 2);
    const b = channelsOf(slotB(lab).rendered!)[0];
    expect(
      rms(b, Math.round((slotA(lab).audio!.duration + 2) * RATE), Math.round((slotA(lab).audio!.duration + 3) * RATE)),
    ).toBeGreaterThan(1e-4);
    expect(alerts()).toEqual([]);
    await pageStillWorks();
  });

  it('an IR longer than 20 s can also be used as it is', async () => {
    await addFiles([wavFile('hall.wav', RATE, [decayingNoise(21, 3, 2)])], 'impulse-response');
    await eventually(() => [...target.querySelectorAll('.messages button')].some((b) => b.textContent === 'Use all 21.0 s')).toBe(true);
    await userEvent.click([...target.querySelectorAll('.messages button')].find((b) => b.textContent === 'Use all 21.0 s')!);
    await eventually(() => slotB(lab).ir?.duration).toBeCloseTo(21, 3);
    await eventually(idle).toBe(true);
    expect(slotB(lab).rendered!.duration).toBeCloseTo(slotA(lab).audio!.duration + 21, 2);
    expect(alerts()).toEqual([]);
  });

  it('an IR of all zeros is rejected', async () => {
    const before = slotB(lab).settings.reverb.irId;
    await addFiles([wavFile('zeros.wav', RATE, [new Float32Array(RATE), new Float32Array(RATE)])], 'impulse-response');
    await eventually(alerts).toEqual(['“zeros.wav”: The impulse response is all zeros: it would silence the reverb.']);
    expect(slotB(lab).settings.reverb.irId).toBe(before);
    expect((target.querySelector('#ir-select') as HTMLSelectElement).value).toBe(before);
    await pageStillWorks();
  });

  it('a mono IR on a stereo clip and a stereo IR on a mono clip both render a stereo B with a tail', async () => {
    // Stereo clip: a click on the left at 0.1 s, on the right at 0.3 s.
    const left = new Float32Array(RATE / 2);
    const right = new Float32Array(RATE / 2);
    left.fill(0.8, 0.1 * RATE, 0.1 * RATE + 48);
    right.fill(0.8, 0.3 * RATE, 0.3 * RATE + 48);
    await addFiles([wavFile('stereo-clicks.wav', RATE, [left, right])]);
    await eventually(() => slotA(lab).audio?.numberOfChannels).toBe(2);
    await addFiles([wavFile('mono-room.wav', RATE, [decayingNoise(1, 0.8, 3)])], 'impulse-response');
    await eventually(() => slotB(lab).ir?.numberOfChannels).toBe(1);
    await eventually(() => idle() && slotB(lab).rendered!.duration > 1.4).toBe(true);
    let [bl, br] = channelsOf(slotB(lab).rendered!);
    expect(slotB(lab).rendered!.numberOfChannels).toBe(2);
    expect(slotB(lab).rendered!.duration).toBeCloseTo(1.5, 2);
    // Each side rings after its own click: left from 0.1 s, right only from 0.3 s.
    const at = (s: number) => Math.round(s * RATE);
    expect(rms(bl, at(0.15), at(0.25))).toBeGreaterThan(1e-3);
    expect(rms(br, at(0.15), at(0.25))).toBeLessThan(1e-6);
    expect(rms(br, at(0.35), at(0.45))).toBeGreaterThan(1e-3);
    expect(rms(bl, at(0.9), at(1.1))).toBeGreaterThan(1e-5); // the tail after the clip
    expect(rms(br, at(0.9), at(1.1))).toBeGreaterThan(1e-5);

    // Mono clip, stereo IR: the two sides of the room differ, so B's do too.
    const mono = new Float32Array(RATE / 2);
    mono.fill(0.8, 0.1 * RATE, 0.1 * RATE + 48);
    await addFiles([wavFile('mono-click.wav', RATE, [mono])]);
    await eventually(() => slotA(lab).audio?.numberOfChannels).toBe(1);
    await addFiles([wavFile('stereo-room.wav', RATE, [decayingNoise(1, 0.8, 4), decayingNoise(1, 0.8, 5)])], 'impulse-response');
    await eventually(() => slotB(lab).ir?.numberOfChannels).toBe(2);
    await eventually(() => idle() && slotB(lab).rendered!.numberOfChannels === 2 && channelsOf(slotB(lab).rendered!)[0] !== bl).toBe(true);
    [bl, br] = channelsOf(slotB(lab).rendered!);
    expect(slotB(lab).rendered!.duration).toBeCloseTo(1.5, 2);
    expect(rms(bl, at(0.9), at(1.1))).toBeGreaterThan(1e-5);
    expect(rms(br, at(0.9), at(1.1))).toBeGreaterThan(1e-5);
    let difference = 0;
    for (let i = at(0.2); i < at(0.6); i++) difference += (bl[i] - br[i]) ** 2;
    expect(Math.sqrt(difference / at(0.4))).toBeGreaterThan(1e-3);
    expect(alerts()).toEqual([]);
    await pageStillWorks();
  });
});

// Denied microphone, storage full and audio held back by the autoplay policy need a
// browser launched for them: tests/e2e/bad-input.test.ts.
describe('the microphone refusing', { timeout: 120_000 }, () => {
  it('no microphone: Chromium here has no capture device, getUserMedia fails with a real NotFoundError', async () => {
    await userEvent.click(target.querySelector('section.rec button')!);
    const text = 'No microphone was found. Plug one in (or enable it) and try again.';
    await eventually(() => target.querySelector('section.rec [role="alert"]')?.textContent).toBe(text);
    expect(alerts()).toEqual([text]);
    // The Record button is back, ready for another try.
    expect(target.querySelector('section.rec button')?.textContent).toBe('● Record');
    await pageStillWorks();
  });

  it('microphoneProblem names each refusal getUserMedia and MediaRecorder can give (real DOMExceptions)', () => {
    // The denied case is also produced for real by Chromium in tests/e2e/bad-input.test.ts.
    expect(microphoneProblem(new DOMException('Permission denied', 'NotAllowedError'))).toMatch(/^Microphone access was denied/);
    expect(microphoneProblem(new DOMException('', 'SecurityError'))).toMatch(/^Microphone access was denied/);
    expect(microphoneProblem(new DOMException('Requested device not found', 'NotFoundError'))).toMatch(/^No microphone was found/);
    expect(microphoneProblem(new DOMException('', 'OverconstrainedError'))).toMatch(/^No microphone was found/);
    expect(microphoneProblem(new DOMException('Could not start audio source', 'NotReadableError'))).toMatch(/busy or blocked/);
    expect(microphoneProblem(new DOMException('x', 'AbortError'))).toBe('The microphone could not be started (AbortError).');
  });
});
