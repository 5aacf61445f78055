/**
 * The Measurements panel shows why a figure is missing and a note on figures that need
 * one, from real measurements (measureClip) of real signals, in the mounted component.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import MetricsPanel from '../../src/ui/MetricsPanel.svelte';
import { MeasurementsState } from '../../src/state/measurements.svelte';
import { measureClip } from '../../src/analysis/measure';
import { loadSample, channelsOf } from './helpers';

let app: ReturnType<typeof mount> | null = null;
let target: HTMLElement;
afterEach(() => {
  if (app) void unmount(app);
  target.remove();
});

describe('MetricsPanel', () => {
  it('says "too short to gate" for a 0.22 s clap, and notes that a mono clip is measured as heard on two speakers', async () => {
    const clap = Float32Array.from({ length: Math.round(0.22 * 48_000) }, (_, i) => 0.5 * Math.sin(i / 3) * Math.exp(-i / 2000));
    const shot = await loadSample('location-pistol-canyon'); // mono, 6.3 s
    const measurements = new MeasurementsState();
    measurements.results = { A: measureClip([clap], 48_000), B: measureClip(channelsOf(shot), shot.sampleRate) };
    target = document.createElement('div');
    document.body.append(target);
    app = mount(MetricsPanel, {
      target,
      props: {
        measurements,
        slots: [
          { name: 'A', colour: '--slot-1' },
          { name: 'B', colour: '--slot-2' },
        ],
        reference: 'A',
      },
    });
    await new Promise((r) => setTimeout(r, 0));
    const row = (label: string) =>
      [...target.querySelectorAll('[data-testid="metrics-table"] tbody tr')].find((tr) =>
        tr.querySelector('th')?.textContent?.startsWith(label),
      )!;
    const cells = (label: string) => [...row(label).querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(cells('Integrated loudness')[0]).toBe('too short to gate (needs 0.4 s)');
    expect(cells('Loudness range')[0]).toBe('too short for a range (needs 3 s)');
    expect(cells('Integrated loudness')[1]).toMatch(/^-\d+\.\d\d\*/); // B's value with its note mark (then its difference to A)
    expect(target.querySelector('.caveats')?.textContent).toContain(
      "a mono clip, measured as heard on two speakers: 3.0 LU above the file's own reading",
    );
    expect(Number(cells("Integrated, file's own channels")[1])).toBeCloseTo(measurements.results.B!.fileIntegratedLufs!, 2);
  });
});
