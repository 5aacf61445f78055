/**
 * What a dry slot costs in the running lab: no render and no copy. A slot with no reverb
 * and no compressor plays, draws and is measured from its decoded source itself, and a
 * slot that shares another's source shares its decoded samples too (its matching loudness is
 * the table's figure: no pass of its own); only a processed slot gets a render of its own.
 */
import { afterEach, expect, it } from 'vitest';
import { mountLab, unmountLab } from './mounted-lab';

afterEach(unmountLab);

it(
  'dry slots are their decoded sources (shared by slots with the same source); a processed slot has its own render',
  { timeout: 90_000 },
  async () => {
    const { lab } = await mountLab();
    const { comparison } = lab;
    const c = comparison.addSlot()!; // follows A, dry
    const d = comparison.addSlot()!;
    await comparison.setSource(d.id, 'ufoai-pistol'); // its own recording, dry
    await expect.poll(() => [c, d].every((s) => s.rendered !== null) && !comparison.rendering, { timeout: 30_000 }).toBe(true);
    const [a, b] = comparison.slots;
    expect(c.processed || d.processed).toBe(false);
    // No render, no copy: what is drawn and measured is the very buffer the player plays.
    for (const s of [a, c, d]) expect(s.rendered).toBe(s.audio);
    expect(c.audio).toBe(a.audio); // the same source decoded once
    expect(d.audio).not.toBe(a.audio);
    expect(d.audio!.duration).toBeCloseTo(1.679, 2);
    // B (reverb on) is a render of A's source, longer by the tail.
    expect(b.audio).toBe(a.audio);
    expect(b.rendered).not.toBe(b.audio);
    expect(b.rendered!.duration).toBeGreaterThan(a.audio!.duration + 1);
    await expect.poll(() => lab.comparison.work.measurements.get(d.label)?.samplePeakDbfs ?? null, { timeout: 30_000 }).not.toBeNull();
    // Its matching loudness is the table's figure: the clip is not read once more for it.
    for (const s of [a, c, d]) expect(s.loudness).toBe(lab.comparison.work.measurements.get(s.label)!.integratedLufs);
    expect(d.loudness).toBeLessThan(-10);
  },
);

it(
  "a dry slot's view is current as soon as its source is in; drawn as heard, a slot matched to it waits for the loudness",
  { timeout: 90_000 },
  async () => {
    const { comparison } = (await mountLab()).lab;
    await expect.poll(() => comparison.rendering, { timeout: 30_000 }).toBe(false);
    const d = comparison.addSlot()!;
    await comparison.setSource(d.id, 'ufoai-pistol');
    await expect.poll(() => comparison.rendering, { timeout: 30_000 }).toBe(false);
    const [a] = comparison.slots;
    // A new source for A (the reference): watched on every task until its levels are in.
    const seen: { aBusy: boolean; dBusy: boolean; dRawBusy: boolean; aShown: boolean }[] = [];
    let done = false;
    const changing = comparison.setSource(a.id, 'snare-dry').then(() => (done = true));
    while (!done) {
      const aShown = a.rendered !== null && a.rendered === a.audio && a.rendering;
      seen.push({
        aBusy: comparison.viewBusy(a, true),
        dBusy: comparison.viewBusy(d, true),
        dRawBusy: comparison.viewBusy(d, false),
        aShown,
      });
      await new Promise((r) => setTimeout(r, 0));
    }
    await changing;
    const whileMeasured = seen.filter((s) => s.aShown);
    // A was on screen, current, while its loudness was still being measured…
    expect(whileMeasured.length).toBeGreaterThan(0);
    expect(whileMeasured.every((s) => !s.aBusy)).toBe(true);
    // …and D, matched to A's loudness, was marked out of date (drawn as heard) until it was in, not when drawn raw.
    expect(whileMeasured.every((s) => s.dBusy && !s.dRawBusy)).toBe(true);
    expect(comparison.viewBusy(d, true)).toBe(false);
  },
);
