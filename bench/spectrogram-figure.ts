/** Figure 8 (Node side): the spectrogram of a long stereo clip, driven in the bench page. */
import type { Page } from 'playwright';
import type { FigureResult } from './driver';
import { pairedRatios, summarize } from './stats';

interface Times {
  firstMs: number;
  wholeMs: number;
  longestTaskMs: number;
  longTasks: number;
  steps: number;
}

export async function spectrogramFigure(
  page: Page,
  call: <T>(page: Page, name: string, ...args: unknown[]) => Promise<T>,
  seconds: number,
  runs: number,
): Promise<FigureResult> {
  const times: Times[] = [];
  const fft: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await call<Times>(page, 'timeSpectrogram', seconds));
    fft.push(await call<number>(page, 'timeFftPass', seconds));
  }
  const first = summarize(times.map((t) => t.firstMs));
  const whole = summarize(times.map((t) => t.wholeMs));
  const longest = summarize(times.map((t) => t.longestTaskMs));
  return {
    id: 8,
    name: `spectrogram of a ${seconds / 60}-minute stereo clip (SpectrogramView, 2048-point Hann, 1200 px wide): first visible picture`,
    figure: { name: 'buffer handed to the view → first visible picture painted', unit: 'ms', value: first },
    baseline: {
      name: 'one plain FFT pass over the clip (PFFFT, 2048-point frames end to end, both channels)',
      unit: 'ms',
      value: summarize(fft),
    },
    comparison: {
      kind: 'ratio',
      unit: '× (whole clip / FFT pass)',
      value: pairedRatios(
        times.map((t) => t.wholeMs),
        fft,
      ),
    },
    target: 'first < 150 ms; whole < 2 s; no task > 50 ms while zooming/scrolling',
    met: first.median < 150 && whole.median < 2000 && longest.max <= 50,
    notes: [
      `whole clip (upload in 1 MB steps + every frame of both channels, 2048-point frames, at most 8192 of them): ${whole.median.toFixed(0)} [${whole.min.toFixed(0)}–${whole.max.toFixed(0)}] ms`,
      `zoom 0 → 20 000 px/s and scroll, ${times[0]?.steps ?? 0} steps a run: longest main-thread task ${longest.max.toFixed(0)} ms (${times.map((t) => t.longTasks).join(', ')} long tasks per run; a long task is one over 50 ms)`,
    ],
  };
}
