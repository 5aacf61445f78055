/** A slot's audio (or a difference) as WAV bytes, in the sample format the user picked. */
import { wholeChannelsInSteps, type ClipAudio } from '../audio/coded-audio';
import { encodeWav, type WavSampleFormat } from '../codec/wav';

/** The formats offered: 24-bit PCM (what editors expect) or 32-bit float (lossless, keeps overs above 0 dBFS). */
export const EXPORT_FORMATS: readonly { format: WavSampleFormat; label: string }[] = [
  { format: 'pcm24', label: '24-bit PCM' },
  { format: 'float32', label: '32-bit float' },
];

/** A clip read from its file is made whole in Float32 a step at a time first. */
export async function clipToWav(audio: ClipAudio, format: WavSampleFormat): Promise<Blob> {
  const channels = await wholeChannelsInSteps(audio);
  return new Blob([encodeWav({ sampleRate: audio.sampleRate, channels }, format)], { type: 'audio/wav' });
}
