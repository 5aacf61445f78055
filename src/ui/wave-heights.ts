/**
 * Heights of the wavesurfer.js views, px. wavesurfer writes a <style> with the height in
 * it into each view's shadow root, and the built page's Content Security Policy allows
 * exactly those styles by hash (scripts/vite-csp.ts reads this list): a view with a new
 * height must be listed here, or its style is blocked.
 */
export const WAVEFORM_VIEW_HEIGHT = 128;
export const RECORDER_VIEW_HEIGHT = 64;
/**
 * A slot view's height for `slots` slots: the more slots, the lower each, so that eight of
 * them, the transport and the selected slot's controls fit a 1366×768 screen.
 */
export function slotViewHeight(slots: number): number {
  return slots <= 2 ? WAVEFORM_VIEW_HEIGHT : slots === 3 ? 88 : slots === 4 ? 64 : 44;
}
export const WAVESURFER_HEIGHTS = [WAVEFORM_VIEW_HEIGHT, 88, 64, 44, RECORDER_VIEW_HEIGHT] as const;
