import type { ClipAudio } from '../audio/coded-audio';

/** What every visual view takes: a list of labelled, coloured buffers (slots, a difference, an IR). */
export interface ViewItem {
  label: string;
  /** CSS colour or `var(--x)`. */
  color: string;
  buffer: ClipAudio | null;
}
