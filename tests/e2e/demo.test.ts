/**
 * The class demo in the built app: every scene, in order, driven from the keyboard the
 * way a teacher drives it, a screenshot of each to docs/scenes/NN-id.png; then the
 * page's accessibility and projector mode. One browser and one page for all of it:
 * each launch and each page load (decode + render) costs seconds.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from './browser';
import { cspViolations, drawnRegionLabels, paintedFraction, recordCspViolations, settled } from './helpers';
import { loadBundledScenes } from '../../src/demo/scenes';
import { contrastRatio } from '../../src/ui/contrast';

const { scenes } = loadBundledScenes();
const shotName = (i: number, id: string) => `docs/scenes/${String(i + 1).padStart(2, '0')}-${id}.png`;

/** [foreground, background, minimum ratio]: where each colour is used on which surface. */
const PAIRS: [string, string, number][] = [
  ['--text', '--bg', 4.5],
  ['--text', '--panel', 4.5],
  ['--text', '--panel-2', 4.5],
  ['--muted', '--bg', 4.5],
  ['--muted', '--panel', 4.5],
  ['--accent-a', '--panel', 4.5], // view titles, level table
  ['--accent-b', '--panel', 4.5],
  ['--accent-a', '--panel-2', 4.5], // the pressed A/B button
  ['--accent-b', '--panel-2', 4.5],
  ...[3, 4, 5, 6, 7, 8].flatMap((n): [string, string, number][] => [
    [`--slot-${n}`, '--panel', 4.5], // slot labels, view titles
    [`--slot-${n}`, '--panel-2', 4.5], // the selected slot's row, its pressed button
  ]),
  ['--danger', '--panel', 4.5],
  ['--warning', '--panel', 4.5],
  ['--focus', '--bg', 3], // focus ring: a non-text indicator
  ['--focus', '--panel', 3],
];

async function themeColors(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    (names) => {
      const style = getComputedStyle(document.documentElement);
      return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n).trim()]));
    },
    [...new Set(PAIRS.flat().filter((x): x is string => typeof x === 'string'))],
  );
}

function failingPairs(colors: Record<string, string>): string[] {
  return PAIRS.filter(([fg, bg, min]) => contrastRatio(colors[fg], colors[bg]) < min).map(
    ([fg, bg, min]) => `${fg} on ${bg}: ${contrastRatio(colors[fg], colors[bg]).toFixed(2)} < ${min}`,
  );
}

/** The projector stage's sizes (issue 15): every scene must fit these screens. */
const STAGES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
/** The scene shown in docs/projector-*.png: the one with the most slots. */
const SHOWN = scenes.reduce((best, s, i) => (s.slots.length > scenes[best].slots.length ? i : best), 0);

/** What the projector stage must show without scrolling that is not wholly inside the viewport (empty: all is). */
async function offStage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const button = (name: RegExp) => [...document.querySelectorAll('button')].find((b) => name.test(b.textContent?.trim() ?? ''));
    const wanted: [string, Element | null | undefined][] = [
      ['title', document.querySelector('#scene-title')],
      ['caption', document.querySelector('#scene-caption:not([hidden])')],
      ['Play', button(/^(Play|Pause)$/)],
      ['Previous', button(/Previous/)],
      ['Next', button(/Next/)],
      ...[...document.querySelectorAll('[data-testid="waveform"]')].map((el, i): [string, Element] => [`waveform ${i + 1}`, el]),
    ];
    return wanted.flatMap(([name, el]) => {
      if (!el) return [`${name}: missing`];
      const r = el.getBoundingClientRect();
      const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
      return inside ? [] : [`${name} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`];
    });
  });
}

/** The level readout's crest factors (dB) for slots A and B. */
async function crestFactors(page: Page): Promise<{ a: number; b: number }> {
  const crest = async (label: string) => Number.parseFloat((await page.getByTestId(`crest-${label}`).textContent()) ?? '');
  return { a: await crest('A'), b: await crest('B') };
}

describe('class demo in the built lab', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block' });
    await recordCspViolations(context);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(inject('baseUrl'));
    await settled(page, 60_000); // generous: CI shares two cores
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has the five scenes of issue 6 and the independent-recordings scene of issue 12', () => {
    expect(scenes.map((s) => s.title)).toEqual([
      'Canned versus location',
      'Anatomy of a reverb tail',
      'Levelled to be pleasant',
      'Room tone',
      'Class ABX challenge',
      'Canned versus a location recording',
    ]);
  });

  it('walks through every scene from the keyboard: caption, sounds, B rendered, regions drawn', async () => {
    await page.getByRole('button', { name: 'Start class demo' }).click();
    for (const [i, scene] of scenes.entries()) {
      // Presentation clickers send PageDown; the arrow keys work too.
      if (i > 0) await page.keyboard.press(i % 2 ? 'PageDown' : 'ArrowRight');
      await expect.poll(() => page.getByTestId('scene-counter').textContent()).toBe(`Scene ${i + 1} of ${scenes.length}`);
      await expect.poll(() => page.locator('#scene-title').textContent()).toBe(scene.title);
      expect((await page.locator('[data-testid="demo-panel"] .caption').allTextContents()).join('\n\n')).toBe(scene.caption);
      expect(page.url()).toMatch(new RegExp(`#demo-${i + 1}$`));

      if (scene.missingSamples.length) {
        // Not bundled yet: the panel says which samples, the lab stays usable.
        const note = page.locator('[data-testid="demo-panel"] .missing');
        await expect.poll(() => note.textContent()).toContain(scene.missingSamples.join(', '));
        await expect.poll(() => drawnRegionLabels(page, 1)).toEqual([]);
      } else {
        // Every slot of the scene, in order, with its source, its view drawn and its marks.
        const rows = page.getByTestId('slot-row');
        await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(scene.slots.length);
        await settled(page);
        for (const [n, slot] of scene.slots.entries()) {
          const dry = !slot.settings.reverb.enabled && !slot.settings.compressor.enabled;
          const name = `${slot.label}: ${dry ? 'original' : 'processed'}`;
          expect(await page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed')).toBe(
            scene.heard === slot.label ? 'true' : 'false',
          );
          await expect.poll(() => paintedFraction(page, n), { timeout: 10_000 }).toBeGreaterThan(0.005);
          const onView = scene.regions.filter((r) => r.view === slot.label).map((r) => r.label);
          await expect.poll(() => drawnRegionLabels(page, n)).toEqual(onView);
        }
        // The selected slot's controls show its processing.
        const processed = scene.slots.find((x) => x.settings.reverb.enabled || x.settings.compressor.enabled);
        if (processed?.settings.reverb.enabled) expect(await page.locator('#ir-select').inputValue()).toBe(processed.settings.reverb.irId);
        // The scene opens on its processed slot (or its second slot when every slot is dry).
        const selected = processed ?? scene.slots[1];
        const sourceOf = (x: typeof selected): string | undefined =>
          x.sameSourceAs ? sourceOf(scene.slots.find((y) => y.label === x.sameSourceAs)!) : (x.source ?? undefined);
        expect(await page.locator('#clip-select').inputValue()).toBe(sourceOf(selected));
        // The same parts are shaded on the decay plot, listed in its caption.
        const decayMarks = page.getByTestId('decay-marks');
        if (scene.regions.length) {
          for (const r of scene.regions)
            await expect.poll(() => decayMarks.textContent(), { timeout: 10_000 }).toContain(`${r.label} (${r.view})`);
        } else expect(await decayMarks.count()).toBe(0);
        await expect.poll(() => page.getByTestId('crest-B').textContent()).toMatch(/dB$/);
        // The scene's scale is set once its slots are loaded: every view says so then.
        await expect.poll(() => page.getByTestId('db-scale').count()).toBe(scene.scale === 'decibels' ? scene.slots.length : 0);
      }
      if (!scene.missingSamples.length)
        await expect.poll(() => page.getByTestId('demo-panel').getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
      await page.screenshot({ path: shotName(i, scene.id), fullPage: true });
      // The projector stage: caption, every view, Play and the scene buttons on one screen at both sizes.
      await page.getByRole('button', { name: 'Projector mode' }).click();
      for (const size of STAGES) {
        await page.setViewportSize(size);
        expect(await offStage(page), `${scene.id} at ${size.width}×${size.height}`).toEqual([]);
        expect(await page.evaluate(() => scrollY)).toBe(0);
        if (i === SHOWN) await page.screenshot({ path: `docs/projector-${size.width}.png` });
      }
      if (i === SHOWN) {
        // h puts the caption away (the band folds into a bar) and brings it back; the rest stays in view.
        await page.keyboard.press('h');
        expect(await offStage(page)).toEqual(['caption: missing']);
        await page.getByRole('button', { name: 'Show caption' }).click();
        expect(await offStage(page)).toEqual([]);
      }
      // The page's own controls wait behind "More", the projector switch among them.
      await page.getByRole('button', { name: 'More' }).click();
      await page.getByRole('button', { name: 'Projector mode' }).click();
      await page.setViewportSize({ width: 1280, height: 1000 });
      // The README's picture of slots: two independent recordings and a processed copy, as a laptop shows them.
      if (scene.id === 'canned-vs-location-recording') {
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.screenshot({ path: 'docs/slots.png' });
        await page.setViewportSize({ width: 1280, height: 1000 });
      }
    }
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000); // six scenes, each decoded, rendered and measured, each also checked on the projector stage at two sizes

  it('shows the compressor lowering the crest factor in the levelling scene', async () => {
    const at = scenes.findIndex((s) => s.id === 'levelled-to-be-pleasant');
    for (let i = 0; i < scenes.length; i++) await page.keyboard.press('PageUp');
    for (let i = 0; i < at; i++) await page.keyboard.press('PageDown');
    await expect.poll(() => page.locator('#scene-title').textContent()).toBe(scenes[at].title);
    await settled(page);
    await expect.poll(async () => (await crestFactors(page)).b).not.toBeNaN();
    const { a, b } = await crestFactors(page);
    console.log(`levelling scene: crest factor A ${a} dB, B ${b} dB`);
    expect(a - b).toBeGreaterThan(3);
  });

  it('leaves ←/→ to a focused slider, and leaves the demo with Esc', async () => {
    const before = await page.getByTestId('scene-counter').textContent();
    // The levelling scene is open: its compressor is on, so the threshold slider takes focus.
    const threshold = page.getByRole('slider', { name: 'Threshold' });
    await threshold.focus();
    const value = Number(await threshold.inputValue());
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await threshold.inputValue())).toBe(value + 1);
    expect(await page.getByTestId('scene-counter').textContent()).toBe(before);
    await page.locator('#scene-title').focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Start class demo' }).waitFor();
    expect(await page.getByTestId('demo-panel').count()).toBe(0);
    expect(await drawnRegionLabels(page, 1)).toEqual([]);
    expect(new URL(page.url()).hash).toBe('');
  });

  it('names every control and reaches every enabled one with Tab, showing a focus ring', async () => {
    await page.getByRole('button', { name: 'Start class demo' }).click();
    await settled(page);
    // Accessible names, as a screen reader gets them.
    const tree = await page.locator('body').ariaSnapshot();
    // A named control reads `- button "Play"`; an unnamed one `- button`, `- slider [disabled]: "1"`.
    const controlLines = tree.split('\n').filter((line) => /^\s*-\s+'?(button|slider|combobox|checkbox|link|textbox)\b/.test(line));
    expect(controlLines.length).toBeGreaterThan(15);
    const unnamed = controlLines.filter((line) =>
      /^\s*-\s+'?(button|slider|combobox|checkbox|link|textbox)(\s+\[[^\]]*\])*\s*(:.*)?$/.test(line),
    );
    expect(unnamed).toEqual([]);

    // Tab once around the page, noting each stop and its focus ring. A control that shows up during the walk (a late
    // message or plot control) has no probe: the walk is then taken again over the page as it now stands.
    let stops = 0;
    let reached: { probe: string; outline: string }[] = [];
    for (let walk = 0; walk < 3; walk++) {
      stops = await page.evaluate(() => {
        // A hidden file input is opened by its visible button, never tabbed to.
        // A control not drawn (the projector stage's "More" off the stage) is not a stop either.
        const controls = [
          ...document.querySelectorAll(
            'button:not(:disabled), input:not(:disabled):not([hidden]), select:not(:disabled), a[href], summary',
          ),
        ].filter((c) => c.checkVisibility());
        // A waveform view's focus stop is inside wavesurfer's shadow root: the page sees its host focused.
        controls.push(...document.querySelectorAll('[data-testid="waveform"] > div'));
        controls.forEach((c, i) => c.setAttribute('data-tab-probe', String(i)));
        return controls.length;
      });
      await page.locator('body').click({ position: { x: 2, y: 2 } });
      reached = [];
      for (let i = 0; i < stops + 5; i++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          return {
            probe:
              el.getAttribute('data-tab-probe') ??
              `unexpected ${el.tagName} “${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60)}” in ${el.closest('section')?.getAttribute('aria-label') ?? el.parentElement?.className}`,
            outline: `${style.outlineStyle} ${style.outlineWidth}`,
          };
        });
        if (!stop) continue;
        if (reached.some((s) => s.probe === stop.probe)) break; // wrapped around
        reached.push(stop);
      }
      if (!reached.some((s) => s.probe.startsWith('unexpected'))) break;
    }
    expect(reached.map((s) => s.probe).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: stops }, (_, i) => String(i)));
    const withoutRing = reached.filter((s) => s.outline.startsWith('none') || Number.parseFloat(s.outline.split(' ')[1]) < 2);
    expect(withoutRing).toEqual([]);
  });

  for (const colorScheme of ['dark', 'light'] as const) {
    it(`${colorScheme} theme, plain and projector mode: every text colour readable on its surface (WCAG AA)`, async () => {
      await page.emulateMedia({ colorScheme });
      const toggle = page.getByRole('button', { name: 'Projector mode' });
      const more = page.getByRole('button', { name: 'More' });
      if (await more.isVisible()) await more.click(); // on the projector stage the switch waits behind "More"
      if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
      const plain = await themeColors(page);
      expect(failingPairs(plain)).toEqual([]);

      await toggle.click();
      expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
      const projector = await themeColors(page);
      expect(failingPairs(projector)).toEqual([]);
      expect(contrastRatio(projector['--text'], projector['--bg'])).toBeGreaterThanOrEqual(contrastRatio(plain['--text'], plain['--bg']));
      // Large type: 150 % of the browser's default.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
      await page.keyboard.press('Escape'); // leave the demo…
      await page.getByRole('button', { name: 'Start class demo' }).click(); // …and come back to scene 1
      await page.keyboard.press('PageDown');
      await expect.poll(() => page.locator('#scene-title').textContent()).toBe(scenes[1].title);
      await settled(page);
      await page.screenshot({ path: `docs/scenes/projector-${colorScheme}.png`, fullPage: true });
    });
  }

  it('opens a bookmarked scene from the address (#demo-2), still in projector mode', async () => {
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    await page.goto('about:blank');
    await page.goto(new URL('#demo-2', inject('baseUrl')).href);
    await expect.poll(() => page.locator('#scene-title').textContent(), { timeout: 10_000 }).toBe(scenes[1].title);
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    await settled(page, 60_000);
    // The stage's views are narrower: regions from the left edge are drawn, later ones are a scroll away.
    await expect.poll(async () => (await drawnRegionLabels(page, 1)).length).toBeGreaterThan(1);
    const drawn = await drawnRegionLabels(page, 1);
    expect(drawn).toEqual(scenes[1].regions.map((r) => r.label).slice(0, drawn.length));
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('button', { name: 'Projector mode' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('canyon-lab:projector'))).toBe('off');
  });
});
