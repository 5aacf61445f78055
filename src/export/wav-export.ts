/** A slot's audio (or a difference) as WAV bytes, in the sample format the user picked. */
import { wholeChannels, type ClipAudio } from '../audio/coded-audio';
import { encodeWav, type WavSampleFormat } from '../codec/wav';

/** The formats offered: 24-bit PCM (what editors expect) or 32-bit float (lossless, keeps overs above 0 dBFS). */
export const EXPORT_FORMATS: readonly { format: WavSampleFormat; label: string }[] = [
  { format: 'pcm24', label: '24-bit PCM' },
  { format: 'float32', label: '32-bit float' },
];

export function audioBufferToWav(buffer: ClipAudio, format: WavSampleFormat): Blob {
  return new Blob([encodeWav({ sampleRate: buffer.sampleRate, channels: wholeChannels(buffer) }, format)], { type: 'audio/wav' });
}
