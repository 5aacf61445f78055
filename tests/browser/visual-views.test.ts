/**
 * The visual views mounted in Chromium on the bundled samples: what they show is checked,
 * and each is photographed into docs/visual/ (look at those after a change).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { mount, unmount, type Component } from 'svelte';
import '../../src/ui/theme.css';
import WaveformView from '../../src/ui/WaveformView.svelte';
import SlotWithSpectrogram from './harness/SlotWithSpectrogram.svelte';
import ReflectionsView from '../../src/ui/ReflectionsView.svelte';
import OctaveDecayPlot from '../../src/ui/OctaveDecayPlot.svelte';
import CompressorScene from './harness/CompressorScene.svelte';
import { loadSample, paintedPixels } from './helpers';
import { renderProcessed } from '../../src/audio/engine';
import { defaultSettings } from '../../src/audio/settings';
import { hiddenMakeupDb } from '../../src/audio/compressor-makeup';

let mounted: ReturnType<typeof mount>[] = [];
afterEach(() => {
  for (const m of mounted) void unmount(m);
  mounted = [];
  document.body.innerHTML = '';
});

async function stage(width = 1000): Promise<HTMLElement> {
  await page.viewport(width + 40, 1100);
  const el = document.createElement('div');
  el.style.cssText = `width:${width}px;padding:12px;background:var(--bg);color:var(--text);font-family:system-ui,sans-serif;display:grid;gap:10px`;
  document.body.append(el);
  return el;
}

// Svelte's own constraint for component props (an interface has no index signature, so `unknown` would not do).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function add<P extends Record<string, any>>(component: Component<P>, target: HTMLElement, props: NoInfer<P>) {
  const box = document.createElement('div');
  box.style.minWidth = '0'; // a zoomed waveform scrolls inside its view instead of widening the page
  target.append(box);
  mounted.push(mount(component, { target: box, props }));
  return box;
}

/** Share of a canvas's pixels that are not (near) black: a painted spectrogram is mostly colour. */
function litShare(canvas: HTMLCanvasElement): number {
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let lit = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] > 60) lit++;
  return lit / (data.length / 4);
}

describe('visual views on the bundled samples', () => {
  it('spectrograms of A and B (canned shot vs the same shot in the narrow canyon), dB waveforms with ruler', async () => {
    const a = await loadSample('gunshot-canned');
    const ir = await loadSample('ir-canyon-narrow');
    const b = await renderProcessed(a, ir, defaultSettings('ir-canyon-narrow'));
    const duration = b.duration;
    const root = await stage();
    add(SlotWithSpectrogram, root, { label: 'A: canned shot', buffer: a, duration, color: 'var(--accent-a)' });
    add(SlotWithSpectrogram, root, { label: 'B: in the narrow canyon', buffer: b, duration, color: 'var(--accent-b)', heard: true });
    const canvases = () => [...root.querySelectorAll<HTMLCanvasElement>('[data-testid="spectrogram"]')];
    await expect.poll(() => canvases().length).toBe(2);
    await expect.poll(() => litShare(canvases()[1]), { timeout: 15_000 }).toBeGreaterThan(0.3);
    // A is 0.42 s of sound on B's 6 s axis: its picture is mostly dark; B's tail fills its own.
    expect(litShare(canvases()[0])).toBeLessThan(litShare(canvases()[1]) / 2);
    expect(root.querySelectorAll('[data-testid="time-ruler"] .tick').length).toBeGreaterThan(5);
    await page.screenshot({ path: '../../docs/visual/spectrograms-canned-vs-canyon.png', element: root });
  });

  it('reflections of the canyon IR: the 157 ms flutter and 27 m, the strongest reflections listed with c·t', async () => {
    const ir = await loadSample('ir-canyon-narrow');
    const root = await stage();
    add(ReflectionsView, root, { items: [{ label: 'Narrow canyon IR', color: 'var(--accent-b)', buffer: ir }] });
    const readout = () => root.querySelector('[data-testid="flutter-readout"]')?.textContent ?? '';
    await expect.poll(readout, { timeout: 15_000 }).toContain('157.');
    expect(readout()).toContain('27.0 m');
    expect(root.querySelectorAll('[data-testid="reflection-list"] li').length).toBe(7);
    await page.screenshot({ path: '../../docs/visual/reflections-canyon.png', element: root });
  });

  it('per-octave decay curves of the canyon IR, each band with its T30', async () => {
    const ir = await loadSample('ir-canyon-narrow');
    const root = await stage();
    add(OctaveDecayPlot, root, { items: [{ label: 'Narrow canyon IR', color: 'var(--accent-b)', buffer: ir }] });
    await expect.poll(() => root.querySelectorAll('[data-testid="octave-key"] li').length, { timeout: 15_000 }).toBe(7);
    expect(root.querySelector('[data-testid="octave-key"]')!.textContent).toMatch(/1 kHz: T30\s+[45]\.\d\d s/);
    await page.screenshot({ path: '../../docs/visual/octave-decay-canyon.png', element: root });
  });

  it('the compressor while playing: live GR meter moves, curve with level histogram, GR trace under the output', async () => {
    const clip = await loadSample('location-pistol-canyon');
    const settings = { ...defaultSettings('x'), reverb: { ...defaultSettings('x').reverb, enabled: false } };
    settings.compressor = { ...settings.compressor, enabled: true, threshold: -36, ratio: 8, knee: 6, makeup: 6 };
    const rendered = await renderProcessed(clip, null, settings, -(await hiddenMakeupDb(settings.compressor)));
    const root = await stage();
    const box = add(CompressorScene, root, { clip, rendered, settings: settings.compressor });
    await expect.poll(() => Number(box.querySelector<HTMLElement>('.scene')!.dataset.deepest), { timeout: 15_000 }).toBeLessThan(-3);
    await expect
      .poll(() => box.querySelector('[data-testid="gr-trace"] canvas')?.getAttribute('aria-label') ?? '', { timeout: 15_000 })
      .toMatch(/deepest -\d/);
    await page.screenshot({ path: '../../docs/visual/compressor-playing.png', element: root });
  });

  it("demo scene 2's region labels sit on separate rows instead of overlapping", async () => {
    const b = await renderProcessed(await loadSample('gunshot-dry-pistol'), await loadSample('ir-canyon-narrow'), {
      ...defaultSettings('ir-canyon-narrow'),
      reverb: { enabled: true, irId: 'ir-canyon-narrow', wet: 1, preDelay: 0 },
    });
    const root = await stage();
    const marks = [
      { start: 0.04, end: 0.06, label: 'direct sound' },
      { start: 0.06, end: 0.13, label: 'early reflections' },
      { start: 0.13, end: 0.75, label: 'flutter echo' },
      { start: 0.75, end: 5.98, label: 'late tail' },
    ];
    const box = add(WaveformView, root, {
      label: 'B: dry shot in the canyon',
      buffer: b,
      duration: b.duration,
      time: 0,
      heard: true,
      color: 'var(--accent-b)',
      zoom: 1000,
      scale: 'decibels',
      marks,
      onseek: () => {},
    });
    const labels = () => [
      ...(box.querySelector('[data-testid="waveform"]')!.firstElementChild?.shadowRoot?.querySelectorAll<HTMLElement>('.region-label') ??
        []),
    ];
    await expect.poll(() => labels().length, { timeout: 15_000 }).toBe(4);
    const overlaps = () => {
      const boxes = labels().map((l) => l.getBoundingClientRect());
      const pairs: string[] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [p, q] = [boxes[i], boxes[j]];
          if (p.width && q.width && p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom)
            pairs.push(`${marks[i].label} / ${marks[j].label}`);
        }
      }
      return pairs;
    };
    await expect.poll(overlaps, { timeout: 5000 }).toEqual([]);
    // The first two really were in each other's way: they now sit on different rows.
    expect(labels()[0].getBoundingClientRect().top).not.toBe(labels()[1].getBoundingClientRect().top);
    await page.screenshot({ path: '../../docs/visual/scene2-labels.png', element: root });
  });

  it('zoomed to 20 000 px/s the waveform still draws and the ruler reads milliseconds 5 ms apart', async () => {
    const b = await loadSample('location-pistol-canyon');
    const root = await stage();
    const box = add(WaveformView, root, {
      label: 'B',
      buffer: b,
      duration: b.duration,
      time: 0,
      heard: true,
      color: 'var(--accent-b)',
      zoom: 20_000,
      scrollTime: 0.05,
      scale: 'decibels',
      onseek: () => {},
    });
    const painted = () => paintedPixels(box.querySelector('[data-testid="waveform"]')!);
    await expect.poll(painted, { timeout: 15_000 }).toBeGreaterThan(1000);
    const labels = [...box.querySelectorAll('[data-testid="time-ruler"] .tick')].map((t) => t.textContent).filter(Boolean);
    expect(labels.slice(0, 3)).toEqual(['50 ms', '55 ms', '60 ms']);
    expect(box.querySelector('[data-testid="minimap"]')).not.toBeNull();
  });
});
