/**
 * The time window a view shows, computed the way wavesurfer.js lays out its waveform so a
 * spectrogram under a waveform lines up with it pixel for pixel: `zoom` px/s (0 = fit), never
 * narrower than the container (wavesurfer stretches a short clip to fill it), scrolled to
 * `scrollTime`.
 */
export interface ViewWindow {
  t0: number;
  t1: number;
  pxPerSec: number;
}

export function viewWindow(duration: number, width: number, zoom: number, scrollTime: number): ViewWindow {
  const fit = duration > 0 ? width / duration : 1;
  const pxPerSec = Math.max(zoom, fit);
  const span = width / pxPerSec;
  const t0 = Math.min(Math.max(0, scrollTime), Math.max(0, duration - span));
  return { t0, t1: t0 + span, pxPerSec };
}
