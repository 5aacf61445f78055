/**
 * Heights of the wavesurfer.js views, px. wavesurfer writes a <style> with the height in
 * it into each view's shadow root, and the built page's Content Security Policy allows
 * exactly those styles by hash (scripts/vite-csp.ts reads this list): a view with a new
 * height must be listed here, or its style is blocked.
 */
export const WAVEFORM_VIEW_HEIGHT = 128;
/** Views when four or more slots are compared: eight of them, the transport and a slot's controls fit a 1366×768 screen. */
export const COMPACT_VIEW_HEIGHT = 56;
export const RECORDER_VIEW_HEIGHT = 64;
export const WAVESURFER_HEIGHTS = [WAVEFORM_VIEW_HEIGHT, COMPACT_VIEW_HEIGHT, RECORDER_VIEW_HEIGHT] as const;
