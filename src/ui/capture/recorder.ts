/**
 * The microphone for captures, through wavesurfer.js's Record plugin (its scrolling
 * waveform is the input meter). Raw input — no echo cancellation, noise suppression or
 * automatic gain, which would alter the very room we measure — and lossless PCM where
 * the browser's MediaRecorder offers it (Chromium does), so a codec adds no noise to the
 * deconvolution.
 */
import WaveSurfer from 'wavesurfer.js';
import RecordPlugin from 'wavesurfer.js/dist/plugins/record.esm.js';
import { microphoneProblem, probeMicrophone } from '../../audio/microphone';
import { RECORDER_VIEW_HEIGHT } from '../wave-heights';

export const RAW_INPUT: MediaTrackConstraints = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
const LOSSLESS = 'audio/webm;codecs=pcm';

/** The microphone could not be opened; the message is for the user. */
export class MicrophoneError extends Error {}

export class CaptureRecorder {
  private readonly ws: WaveSurfer;
  private readonly record: RecordPlugin;
  private ended: Promise<Blob> | null = null;

  constructor(container: HTMLElement, color: string) {
    this.ws = WaveSurfer.create({ container, height: RECORDER_VIEW_HEIGHT, waveColor: color, interact: false });
    const mimeType = typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(LOSSLESS) ? LOSSLESS : undefined;
    this.record = this.ws.registerPlugin(
      RecordPlugin.create({ scrollingWaveform: true, renderRecordedAudio: false, ...(mimeType ? { mimeType } : {}) }),
    );
  }

  /** Open the microphone and start recording; throws MicrophoneError with the reason in words. */
  async start(): Promise<void> {
    if (!navigator.mediaDevices) throw new MicrophoneError(microphoneProblem(new Error('insecure')));
    try {
      await probeMicrophone(RAW_INPUT); // for the browser's own reason if it refuses
      this.ended = new Promise((resolve) => this.record.once('record-end', resolve));
      await this.record.startRecording(RAW_INPUT);
    } catch (err) {
      this.ended = null;
      throw new MicrophoneError(microphoneProblem(err));
    }
  }

  get active(): boolean {
    return this.record.isActive();
  }

  /** Stop and hand over the recording. */
  async stop(): Promise<Blob> {
    const ended = this.ended;
    if (!ended) throw new MicrophoneError('Nothing is being recorded.');
    this.ended = null;
    this.record.stopRecording();
    return ended;
  }

  destroy(): void {
    this.ws.destroy();
  }
}
