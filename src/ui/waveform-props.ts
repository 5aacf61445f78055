/** What a waveform view (WaveformView.svelte) is given: its buffer, the shared axis, transport state and callbacks. */
import type { Snippet } from 'svelte';
import type { ClipAudio } from '../audio/coded-audio';
import type { LoopRange } from '../audio/playback-clock';
import type { AmplitudeScale } from './decibel-scale';
import type { MarkedRegion } from './regions';

export interface WaveformProps {
  label: string;
  buffer: ClipAudio | null;
  /** Shared time axis of all views, seconds. */
  duration: number;
  time: number;
  /** True while this side is the one being heard. */
  heard: boolean;
  busy?: boolean;
  busyText?: string;
  color: string;
  /** Shared loop region, drawn in every view. */
  loop?: LoopRange | null;
  loopEnabled?: boolean;
  /** Shared zoom (px per second, 0 = fit) and left edge of the visible window (s). */
  zoom?: number;
  scrollTime?: number;
  onseek: (seconds: number) => void;
  onloop?: (range: LoopRange) => void;
  onscroll?: (startSeconds: number) => void;
  /** Labelled time ranges drawn over the waveform (demo scenes). */
  marks?: readonly MarkedRegion[];
  /** Amplitude scale: linear, or dB (from `floorDb` to 0 dBFS) so tails show. */
  scale?: AmplitudeScale;
  /** Bottom of the dB scale, dBFS (see FLOOR_CHOICES). */
  floorDb?: number;
  /** Level this buffer is heard at, relative to its samples (loudness match, trim), dB: drawn as heard. */
  gainDb?: number;
  /** Views on the same time axis drawn inside this panel, under the ruler (spectrogram, gain-reduction trace). */
  below?: Snippet;
  /** Where the buffer starts on the shared time axis, seconds (a slot's offset). */
  offset?: number;
  /** Height of the view, px (one of wave-heights.ts: the page's CSP allows those). */
  height?: number;
  /** What the view shows besides its label (a slot's source and processing). */
  detail?: string;
  /** Draw the time ruler under this view (with many views, one ruler is enough). */
  ruler?: boolean;
}
