import { describe, expect, it } from 'vitest';
import { MeasurementsState } from '../../src/state/measurements.svelte';
import { measureClip } from '../../src/analysis/measure';
import { loadSample, channelsOf } from './helpers';

describe('measurements in a worker', () => {
  it('measures A and the IR off the main thread with the same figures as on it', async () => {
    const [clip, ir] = await Promise.all([loadSample('ufoai-pistol'), loadSample('ir-antwerp-street')]);
    const m = new MeasurementsState();
    m.update({ A: { audio: clip }, IR: { audio: ir }, B: null });
    expect(m.busy).toBe(true);
    await expect.poll(() => m.busy, { timeout: 20_000 }).toBe(false);
    expect(m.error).toBeNull();
    const direct = measureClip(channelsOf(clip), clip.sampleRate);
    expect(m.get('A')!.integratedLufs).toBeCloseTo(direct.integratedLufs!, 6);
    expect(m.get('A')!.crestFactorDb).toBeCloseTo(direct.crestFactorDb, 6);
    // The measured street IR is short and noisy: EDT is there; T30 may need more range than it has.
    expect(m.get('IR')!.edt.seconds).toBeGreaterThan(0.05);
    expect(m.get('IR')!.bands.length).toBe(7);
    expect(m.get('B')).toBeNull();
    m.dispose();
  });

  it(
    'measures a clip longer than the octave bands’ limit by reading it range by range, with the whole clip’s figures',
    { timeout: 30_000 },
    async () => {
      const clip = await loadSample('ufoai-pistol');
      const seconds = 21;
      const long = new AudioBuffer({ length: seconds * clip.sampleRate, numberOfChannels: 2, sampleRate: clip.sampleRate });
      for (let c = 0; c < 2; c++) {
        const src = clip.getChannelData(c % clip.numberOfChannels);
        const x = long.getChannelData(c);
        for (let i = 0; i < x.length; i++) x[i] = src[i % src.length] * Math.exp(-i / (4 * clip.sampleRate));
      }
      const m = new MeasurementsState();
      m.update({ L: { audio: long, options: { loudnessSpanSeconds: seconds + 0.4 } } });
      await expect.poll(() => m.busy, { timeout: 20_000 }).toBe(false);
      expect(m.error).toBeNull();
      const direct = measureClip(channelsOf(long), long.sampleRate, { loudnessSpanSeconds: seconds + 0.4 });
      const got = m.get('L')!;
      expect(got.bands).toEqual([]);
      expect(got.integratedLufs!).toBeCloseTo(direct.integratedLufs!, 2);
      expect(got.truePeakDbtp).toBeCloseTo(direct.truePeakDbtp, 2);
      expect(got.loudnessRangeLu!).toBeCloseTo(direct.loudnessRangeLu!, 2);
      expect(got.onsetSeconds).toBe(direct.onsetSeconds);
      m.dispose();
    },
  );
});

describe('measurements when what is measured changes meanwhile', () => {
  /** 21 s of stereo: read range by range (longer than the octave bands' limit). */
  async function longClip(seconds = 21): Promise<AudioBuffer> {
    const clip = await loadSample('ufoai-pistol');
    const long = new AudioBuffer({ length: seconds * clip.sampleRate, numberOfChannels: 2, sampleRate: clip.sampleRate });
    for (let c = 0; c < 2; c++) {
      const src = clip.getChannelData(c % clip.numberOfChannels);
      const x = long.getChannelData(c);
      for (let i = 0; i < x.length; i++) x[i] = src[i % src.length] * Math.exp(-i / (4 * clip.sampleRate));
    }
    return long;
  }

  it('a clip being measured goes on when a newer request still wants it: its reads are not made twice', { timeout: 60_000 }, async () => {
    const [long, short] = await Promise.all([longClip(60), loadSample('ufoai-pistol')]);
    const options = { loudnessSpanSeconds: 60.4 };
    const alone = new MeasurementsState();
    alone.update({ L: { audio: long, options } });
    await expect.poll(() => alone.busy, { timeout: 20_000 }).toBe(false);
    const once = alone.framesRead;
    expect(once).toBeGreaterThan(long.length); // two passes and a few short reads
    alone.dispose();

    const m = new MeasurementsState();
    m.update({ L: { audio: long, options } });
    // A newer request (B landed while A was measured) once a tenth of the work is read.
    await expect.poll(() => m.framesRead, { timeout: 20_000, interval: 1 }).toBeGreaterThan(once / 10);
    m.update({ L: { audio: long, options }, S: { audio: short } });
    // S is measured beside L (another worker), not after it: its figures come first.
    const order: string[] = [];
    void m.figuresOf({ audio: long, options }).then(() => order.push('L'));
    void m.figuresOf({ audio: short }).then(() => order.push('S'));
    expect(m.busy).toBe(true);
    await expect.poll(() => m.busy, { timeout: 20_000 }).toBe(false);
    expect(m.error).toBeNull();
    expect(m.framesRead - short.length).toBeLessThanOrEqual(once);
    expect(order).toEqual(['S', 'L']);
    const direct = measureClip(channelsOf(long), long.sampleRate, options);
    expect(m.get('L')!.integratedLufs!).toBeCloseTo(direct.integratedLufs!, 2);
    expect(m.get('S')!.integratedLufs!).toBeCloseTo(measureClip(channelsOf(short), short.sampleRate).integratedLufs!, 6);
    m.dispose();
  });

  it('a clip no longer wanted is dropped: the figures shown are only those of the newest request', { timeout: 60_000 }, async () => {
    const [long, short] = await Promise.all([longClip(), loadSample('ufoai-pistol')]);
    const m = new MeasurementsState();
    m.update({ L: { audio: long, options: { loudnessSpanSeconds: 21.4 } } });
    // What waits for L's figures (a dry slot's matching gain) is told it will not get them; S's come as the table's.
    const forL = m.figuresOf({ audio: long, options: { loudnessSpanSeconds: 21.4 } });
    await expect.poll(() => m.framesRead, { timeout: 20_000, interval: 1 }).toBeGreaterThan(0);
    m.update({ S: { audio: short } });
    const forS = m.figuresOf({ audio: short });
    await expect(forL).rejects.toThrow('no longer wanted');
    await expect.poll(() => m.busy, { timeout: 20_000 }).toBe(false);
    expect(Object.keys(m.results)).toEqual(['S']);
    expect(await forS).toBe(m.get('S'));
    // Known figures are given at once; another span is other figures, still to come.
    await expect(m.figuresOf({ audio: short })).resolves.toBe(m.get('S'));
    const stop = new AbortController();
    const other = m.figuresOf({ audio: short, options: { loudnessSpanSeconds: 9 } }, stop.signal);
    stop.abort();
    await expect(other).rejects.toThrow('no longer wanted');
    const read = m.framesRead;
    await new Promise((r) => setTimeout(r, 300));
    expect(m.framesRead).toBe(read); // nothing more is read for L
    m.dispose();
  });

  it(
    'a buffer still being written is measured as it is: nothing beyond what is written is read, and its figures are the whole buffer’s',
    { timeout: 60_000 },
    async () => {
      const source = await longClip();
      const b = new AudioBuffer({ length: source.length, numberOfChannels: 2, sampleRate: source.sampleRate });
      const m = new MeasurementsState();
      const item = { audio: b, options: { loudnessSpanSeconds: 21.4 } };
      m.written(b, 0);
      m.update({ B: item });
      const figures = m.figuresOf(item);
      let got = false;
      void figures.then(() => (got = true));
      // Written a second at a time, as a render delivers its blocks: the reads follow.
      const step = source.sampleRate;
      for (let at = 0; at < b.length; at += step) {
        const n = Math.min(step, b.length - at);
        for (let c = 0; c < 2; c++) b.copyToChannel(source.getChannelData(c).subarray(at, at + n), c, at);
        await new Promise((r) => setTimeout(r, 5));
        expect(m.framesRead).toBeLessThanOrEqual(at); // never a frame not yet written
        expect(got).toBe(false);
        m.written(b, at + n);
      }
      const direct = measureClip(channelsOf(source), source.sampleRate, { loudnessSpanSeconds: 21.4 });
      const measured = await figures;
      expect(measured.integratedLufs!).toBeCloseTo(direct.integratedLufs!, 2);
      expect(measured.truePeakDbtp).toBeCloseTo(direct.truePeakDbtp, 2);
      expect(measured.loudnessRangeLu!).toBeCloseTo(direct.loudnessRangeLu!, 2);
      expect(measured.onsetSeconds).toBe(direct.onsetSeconds);
      m.dispose();
    },
  );

  it(
    'a buffer still being written that is no longer wanted is let go: its waiting reads are answered, the newest request settles',
    { timeout: 60_000 },
    async () => {
      const [source, short] = await Promise.all([longClip(), loadSample('ufoai-pistol')]);
      const b = new AudioBuffer({ length: source.length, numberOfChannels: 2, sampleRate: source.sampleRate });
      const m = new MeasurementsState();
      m.written(b, 0);
      m.update({ B: { audio: b } });
      await new Promise((r) => setTimeout(r, 300));
      expect(m.framesRead).toBe(0); // it waits for frames
      m.update({ S: { audio: short } }); // the render was cancelled: its buffer will never be written whole
      await expect.poll(() => m.busy, { timeout: 20_000 }).toBe(false);
      expect(Object.keys(m.results)).toEqual(['S']);
      m.dispose();
    },
  );
});
