/**
 * Turning bytes into an AudioBuffer the lab can use, with the reasons it cannot in
 * words a user understands. Decoding uses throwaway OfflineAudioContexts, so it needs no
 * user gesture and never creates the live AudioContext. What the browser cannot decode
 * but the lab can (AIFF, 64-bit float WAV, odd sample rates) goes to the lab's own
 * decoders; what neither can is named, with the reason.
 */
import { K_WEIGHTING_MIN_RATE } from '../analysis/kweighting';
import { surveyClipInSteps, surveySamplesInSteps, judgeSamples } from '../analysis/sample-survey';
import { convolverChannels, irChannelPlan } from '../capture/ir-channels';
import { bufferOf, bufferOfInSteps, channelViews } from './buffer-channels';
import { peaksAlongside } from './clip-peaks';
import { CodedAudio, wholeAlongside, type ClipAudio } from './coded-audio';
import { LAB_SAMPLE_RATE } from './constants';
import { decodeOwnOffThread, type NativeAudio, type OwnDecoder, type TowardLabRate } from './own-decode';
import { AudioInputError } from './input-error';
import { fetchBytes } from './fetch-bytes';
import { BROWSER_RATES, EXTENSIONS, sniffAudio, sniffFile, type SniffResult } from './sniff';
import { codedWav, readWavFile, streamableWav, type StreamableWav } from './wav-stream';

/** Shorter than this is not a clip anyone can hear or measure. */
export const MIN_CLIP_SECONDS = 0.01;
/** Longer than this works, but rendering and analysis take a while: say so. */
export const LONG_CLIP_SECONDS = 60;
/**
 * The longest audio the lab opens, for up to two channels: 20 minutes, a film reel. The
 * limit is a budget of decoded samples per file — CLIP_SAMPLE_BUDGET, 20 minutes of stereo
 * at 48 kHz, 115 M samples, 461 MB of float — so a file with more channels gets
 * proportionally less time (6 channels: 6 min 40 s); a mono file gets the same 20 minutes,
 * since its processed slot comes out stereo anyway. Why this much: what a pair of slots on
 * one reel holds is the source (A, 461 MB), B with its tail (461 MB more) and, while B
 * renders, the compressor's streamed stage and the workers' blocks (bench figure 9: +698 MB
 * over the decoded reel at the peak). Measured in the built lab opening a 20-minute stereo
 * reel (bench figure 11, 2026-12-02): 1.77 GB peak above the settled page, 4.0× the decoded
 * reel, of which A's and B's whole copies sent to the analysis worker are 0.9 GB (streaming
 * them over blocks leaves about 0.9 GB). Each further 20-minute slot adds its decoded
 * samples (and its render when processed). Per file rather than across slots: the library keeps every
 * decoded sample for the session, and a budget across slots would refuse a file for what
 * other slots happen to hold, in words a user cannot act on.
 * Longer files are refused with a message — before decoding whenever the headers give the length.
 */
export const MAX_CLIP_SECONDS = 1200;
/** Decoded samples (frames × channels, at the lab rate) one file may hold: MAX_CLIP_SECONDS of stereo. */
export const CLIP_SAMPLE_BUDGET = MAX_CLIP_SECONDS * 2 * LAB_SAMPLE_RATE;

/** The longest a file with `channels` channels may be, seconds: the sample budget, never more than MAX_CLIP_SECONDS. */
export function maxSecondsFor(channels: number | undefined): number {
  return CLIP_SAMPLE_BUDGET / (Math.max(2, channels ?? 2) * LAB_SAMPLE_RATE);
}
/** Files bigger than this are not even read into memory (5 min of 8-channel 192 kHz float is 1.8 GB). */
export const MAX_FILE_BYTES = 2 ** 31;
/**
 * An MP3 without a frame index, read from a File, has its length estimated from its
 * first frames' bit rate: refuse before decoding only when well past the limit (a
 * variable bit rate can mislead the estimate); the decoded length settles the rest.
 */
const ESTIMATE_MARGIN = 1.25;

export { AudioInputError };

/** A clip to compare, or an impulse response for the reverb: the checks and words differ. */
export type AudioRole = 'clip' | 'impulse-response';

export interface DecodedClip<B extends ClipAudio = AudioBuffer> {
  /** At the lab rate: for playback, rendering and the views. */
  buffer: B;
  /**
   * The samples at the file's own rate, for measuring (only asked with `native`, and only
   * when that rate is not the lab's: otherwise `buffer` is them). Drop it once measured.
   */
  native?: NativeAudio;
  /** Notes for the user about what was done to the audio (resampling, …). */
  notes: string[];
}

export interface DecodeOptions {
  /**
   * Reject NaN/Inf and all-silent audio (default). Impulse responses turn this off and
   * are checked by validateImpulseResponse instead, whose words are about reverbs.
   */
  checkSamples?: boolean;
  /** Longest clip accepted, seconds (default: maxSecondsFor its channels; the bench times longer ones). */
  maxSeconds?: number;
  /**
   * The caller does not need `bytes` afterwards: decode them in place (decodeAudioData
   * detaches them) instead of copying first — a 10-minute WAV is 115 MB to copy.
   */
  consume?: boolean;
  /** 'impulse-response': IR wording, and more than two channels made what the reverb can use. */
  role?: AudioRole;
  /**
   * A processed slot renders the clip at once: a clip kept in its file is also made whole by
   * its survey (one read of the file where the render would read it again, bench figure 12).
   */
  whole?: boolean;
  /** Also give the samples at the file's own rate (`DecodedClip.native`), for measuring them unresampled. */
  native?: boolean;
  /** The bytes again (from the File), for the lab's own WAV reader when the browser refused bytes it consumed. */
  reread?: () => Promise<ArrayBuffer>;
}

const quote = (name: string) => `“${name}”`;

/**
 * The checks that need no decoding, on the file itself: empty, too big to read, not
 * audio, a format nothing here decodes, or too long. Reads only the slices of the file
 * its headers occupy (after any cover art, at the end of an MP4), never all of it.
 */
export async function checkFile(file: File, options: { role?: AudioRole; maxSeconds?: number } = {}): Promise<void> {
  if (file.size === 0) throw new AudioInputError(`${quote(file.name)} is empty (0 bytes).`);
  if (file.size > MAX_FILE_BYTES) {
    throw new AudioInputError(
      `${quote(file.name)} is ${(file.size / 2 ** 30).toFixed(1)} GB: too big to open in a browser tab (at most ${MAX_FILE_BYTES / 2 ** 30} GB, and ${MAX_CLIP_SECONDS / 60} minutes).`,
    );
  }
  const header = await sniffFile(file);
  refuseUnreadable(header, file.name);
  refuseTooLong(header.seconds, header.channels, file.name, options.role, options.maxSeconds, header.approximate);
}

function refuseUnreadable(header: SniffResult, name: string): void {
  if (header.notAudio) throw new AudioInputError(`${quote(name)} is ${header.notAudio}, not audio.`);
  if (!header.unsupported) return;
  const noAudio = /no audio|no channels|no data|no sound|damaged|cut off|of 0 Hz/.test(header.unsupported);
  const advice = noAudio ? '' : ' Convert it to WAV (PCM) or FLAC and add it again.';
  throw new AudioInputError(
    `${quote(name)} is ${withArticle(header.label)}${/(audio|video)$/.test(header.label) ? '' : ' file'}: ${header.unsupported}.${advice}`,
  );
}

/** "a WAV", "an MP4", "an AIFF": the article as the name is spoken. */
const withArticle = (label: string) => `${/^([AEIOU]|MP[1-4]|8-)/.test(label) ? 'an' : 'a'} ${label}`;

/** Minutes and seconds, so 5 min 20 s never reads as "5 minutes" next to the 5-minute limit. */
function formatLength(seconds: number): string {
  let minutes = Math.floor(seconds / 60);
  let rest = Math.round(seconds - 60 * minutes);
  if (rest === 60) [minutes, rest] = [minutes + 1, 0];
  return seconds >= 5940 ? `${(seconds / 3600).toFixed(1)} hours` : rest ? `${minutes} min ${rest} s` : `${minutes} minutes`;
}

/** "6 channels" where the budget gives a file less than the stereo limit. */
const ofChannels = (channels: number | undefined) => ((channels ?? 2) > 2 ? ` of ${channels}-channel audio` : '');

function refuseTooLong(
  seconds: number | undefined,
  channels: number | undefined,
  name: string,
  role: AudioRole = 'clip',
  limit = maxSecondsFor(channels),
  approximate = false,
): void {
  if (seconds === undefined || seconds <= limit * (approximate ? ESTIMATE_MARGIN : 1)) return;
  const length = `${approximate ? 'about ' : ''}${formatLength(seconds)}`;
  const most = `${formatLength(Math.min(limit, maxSecondsFor(channels)))}${ofChannels(channels)}`;
  if (role === 'impulse-response') {
    throw new AudioInputError(
      `${quote(name)} is ${length} long: too long for an impulse response (a real space rings for seconds; the lab opens files up to ${most} and trims longer IRs to 20 s). Cut out the response itself and add that.`,
    );
  }
  throw new AudioInputError(
    `${quote(name)} is ${length} long: the lab opens up to ${most} (a longer clip would need gigabytes of memory to render and compare). Cut out the part you want to compare and add that.`,
  );
}

const kHz = (rate: number) => `${rate / 1000} kHz`;

/** decodeAudioData at `rate`, on a copy of `bytes` unless `consume`. */
function browserDecode(bytes: ArrayBuffer, rate: number, consume: boolean): Promise<AudioBuffer> {
  return new OfflineAudioContext(1, 1, rate).decodeAudioData(consume ? bytes : bytes.slice(0));
}

/**
 * Decode `bytes` (which stay intact unless `consume`: decodeAudioData gets a copy, since
 * it detaches what it is given) and say what was done to them on the way.
 */
export async function decodeAudio(bytes: ArrayBuffer, name: string, options: DecodeOptions = {}): Promise<DecodedClip> {
  if (bytes.byteLength === 0) throw new AudioInputError(`${quote(name)} is empty (0 bytes).`);
  const header = sniffAudio(bytes);
  return checkedClip(header, name, options, () => decodeSamples(bytes, name, header, options));
}

/**
 * Decode a WAV at the lab rate (streamableWav) read from its File straight into its
 * AudioBuffer, with decodeAudio's checks and notes: the page never holds the file's bytes
 * nor a decoder's copy beside the buffer. `onProgress` gets the fraction read.
 */
async function decodeWavFile(
  file: File,
  wav: StreamableWav,
  options: DecodeOptions & { onProgress?: (fraction: number) => void } = {},
): Promise<DecodedClip<ClipAudio>> {
  // A clip's 16/24-bit codes stay in its file (coded-audio.ts: its survey is their first read); an IR is a convolver's AudioBuffer.
  const codes = (options.role ?? 'clip') === 'clip' && wav.encoding !== 'f32';
  return checkedClip(await sniffFile(file), file.name, options, async () => ({
    buffer: codes ? codedWav(file, wav) : await readWavFile(file, wav, options.onProgress),
  }));
}

/**
 * A user's file, read and decoded with decodeAudio's checks: a WAV at the lab rate straight
 * from the File a slice at a time (a clip's codes: its bytes are never held), anything else
 * read whole with progress, then decoded. `onProgress` gets the fraction read.
 */
export async function decodeFile(
  file: File,
  options: DecodeOptions & { onProgress?: (fraction: number) => void },
): Promise<DecodedClip<ClipAudio>> {
  const wav = await streamableWav(file);
  if (wav) return decodeWavFile(file, wav, options);
  const bytes = await readWithProgress(file, options.onProgress);
  options.onProgress?.(1);
  return decodeAudio(bytes, file.name, { reread: () => file.arrayBuffer(), ...options });
}

/** Read a file with progress (a large file takes a moment even before decoding starts). */
async function readWithProgress(file: File, onProgress?: (fraction: number) => void): Promise<ArrayBuffer> {
  if (!file.stream || file.size < 4 << 20) return file.arrayBuffer();
  const out = new Uint8Array(file.size);
  let at = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
    onProgress?.(at / file.size);
  }
  return out.buffer;
}

/** Check the header, decode (`decode`), check the samples and say what was done. */
async function checkedClip<B extends ClipAudio>(
  header: SniffResult,
  name: string,
  options: DecodeOptions & { onProgress?: (fraction: number) => void },
  decode: () => Promise<{ buffer: B; native?: NativeAudio }>,
): Promise<DecodedClip<B>> {
  const role = options.role ?? 'clip';
  const notes: string[] = [];
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext && header.format !== 'unknown' && header.format !== 'other' && !EXTENSIONS[header.format].includes(ext)) {
    notes.push(`${quote(name)} is named .${ext} but is ${withArticle(header.label.split(' (')[0])} file; it was read as what it is.`);
  }
  refuseUnreadable(header, name);
  // Before decoding: an hour of audio would be expanded into gigabytes first.
  refuseTooLong(header.seconds, header.channels, name, role, options.maxSeconds);
  let { buffer, native } = await decode();
  performance.mark('lab:decode:samples');
  if (buffer.length === 0) throw new AudioInputError(`${quote(name)} decoded to no audio at all.`);
  if (buffer.duration < MIN_CLIP_SECONDS && role === 'clip') {
    throw new AudioInputError(
      `${quote(name)} is only ${(buffer.duration * 1000).toFixed(2)} ms long: too short to hear or measure (at least ${MIN_CLIP_SECONDS * 1000} ms).`,
    );
  }
  // Formats whose headers do not give the length (WebM: what MediaRecorder writes) are caught here.
  refuseTooLong(buffer.duration, buffer.numberOfChannels, name, role, options.maxSeconds);
  if (options.checkSamples ?? true) {
    // A clip kept in its file is read for the first time by its survey: that read is the import's progress.
    // It gathers the clip's peaks on the way, so that its first waveform needs no second read of the file (and the whole clip when asked).
    const coded = buffer instanceof CodedAudio ? buffer : null;
    const alongside = coded ? [peaksAlongside(coded), ...(options.whole ? [wholeAlongside(coded)] : [])] : [];
    const survey = native
      ? await surveySamplesInSteps(native.channels)
      : await surveyClipInSteps(buffer, coded ? options.onProgress : undefined, (channels, from) =>
          alongside.forEach((a) => a.add(channels, from)),
        );
    const verdict = judgeSamples(survey, name);
    if (verdict.error) throw new AudioInputError(verdict.error);
    alongside.forEach((a) => a.keep());
    performance.mark('lab:decode:surveyed');
    notes.push(...verdict.notes);
  }
  if (header.declaredSeconds !== undefined && header.seconds !== undefined) {
    notes.push(
      `${quote(name)} is cut short: its header promises ${header.declaredSeconds.toFixed(2)} s but it holds ${header.seconds.toFixed(2)} s (an interrupted download or copy?). The part that is there was loaded.`,
    );
  }
  const rate = native?.sampleRate ?? header.sampleRate;
  if (rate && rate !== LAB_SAMPLE_RATE) {
    notes.push(
      native
        ? `Resampled from ${kHz(rate)} to ${kHz(LAB_SAMPLE_RATE)} for playback; measured at its own ${kHz(rate)}.`
        : `Resampled from ${kHz(rate)} to ${kHz(LAB_SAMPLE_RATE)}, the lab's rate.`,
    );
  }
  if (buffer.numberOfChannels > 2 && role === 'clip') {
    notes.push(`${buffer.numberOfChannels} channels: heard down-mixed to stereo, measured on all channels.`);
  }
  // An IR is decoded (decodeWavFile keeps only a clip in its file).
  if (role === 'impulse-response' && !(buffer instanceof CodedAudio) && irChannelPlan(buffer.numberOfChannels)) {
    notes.push(`${quote(name)}: ${irChannelPlan(buffer.numberOfChannels)}.`);
    buffer = bufferOf(convolverChannels(channelViews(buffer)), buffer.sampleRate) as B;
    native = undefined;
  }
  if (buffer.duration > LONG_CLIP_SECONDS) {
    notes.push(`A long clip (${(buffer.duration / 60).toFixed(1)} min): rendering B and measuring take a while (their progress is shown).`);
  }
  return { buffer, notes, ...(native ? { native } : {}) };
}

/**
 * The samples at the lab rate, and at the file's own rate when asked and different. The
 * browser decodes what it can (off the main thread, with a proper resampler); what it
 * refuses and the lab can read, the lab decodes.
 */
async function decodeSamples(
  bytes: ArrayBuffer,
  name: string,
  header: SniffResult,
  options: DecodeOptions,
): Promise<{ buffer: AudioBuffer; native?: NativeAudio }> {
  const consume = options.consume ?? false;
  const corrupt = () =>
    new AudioInputError(
      header.format === 'unknown'
        ? `${quote(name)} is not an audio file this browser can read (WAV, AIFF, MP3, Ogg/Opus, FLAC, AAC/M4A, WebM).`
        : `${quote(name)} looks like ${header.label.split(' (')[0]} but could not be decoded: the file is corrupt or truncated.`,
    );
  const ownDecode = async (decoder: OwnDecoder, from = bytes) => {
    const { native: own, toward } = await decodeOwnOffThread(from, decoder, consume || from !== bytes);
    if (!own.channels[0]?.length) throw corrupt();
    const buffer = await atLabRate(own, toward);
    return {
      buffer,
      ...(options.native && own.sampleRate !== LAB_SAMPLE_RATE && own.sampleRate >= K_WEIGHTING_MIN_RATE ? { native: own } : {}),
    };
  };
  if (header.decoder !== 'browser') return ownDecode(header.decoder).catch(() => Promise.reject(corrupt()));
  const rate = header.sampleRate ?? LAB_SAMPLE_RATE;
  const wantNative =
    options.native && header.exactRate && rate !== LAB_SAMPLE_RATE && rate >= K_WEIGHTING_MIN_RATE && rate <= BROWSER_RATES.max;
  try {
    // At the file's own rate the browser does not resample: these are the file's samples.
    const native = wantNative ? await browserDecode(bytes, rate, false) : undefined;
    const buffer = await browserDecode(bytes, LAB_SAMPLE_RATE, consume);
    return { buffer, ...(native ? { native: { sampleRate: native.sampleRate, channels: channelViews(native) } } : {}) };
  } catch {
    // A WAV the browser turns down may still be one the lab reads (an odd but intact header),
    // if its bytes are still there (`consume` hands them to the browser, which keeps them) or can be read again.
    const again = header.format !== 'wav' ? undefined : bytes.byteLength > 0 ? bytes : await options.reread?.().catch(() => undefined);
    if (again) return ownDecode('wav', again).catch(() => Promise.reject(corrupt()));
    throw corrupt();
  }
}

/** The decoded file as an AudioBuffer at the lab rate (`toward`: what the worker did toward it). */
async function atLabRate(audio: NativeAudio, toward: TowardLabRate): Promise<AudioBuffer> {
  if (toward.kind === 'as-is') return bufferOfInSteps(audio.channels, audio.sampleRate);
  if (toward.kind === 'resampled') return bufferOfInSteps(toward.channels, LAB_SAMPLE_RATE);
  // decodeAudioData resamples with a proper sinc filter, off the main thread.
  return new OfflineAudioContext(1, 1, LAB_SAMPLE_RATE).decodeAudioData(toward.wav.buffer as ArrayBuffer);
}

export async function fetchAndDecode(url: string, name: string, options: DecodeOptions = {}): Promise<DecodedClip> {
  return decodeAudio(await fetchBytes(url, name), name, { consume: true, ...options });
}
