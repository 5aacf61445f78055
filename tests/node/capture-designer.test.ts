/**
 * The designer runs the sample library's own generator (its presets reproduce the bundled
 * street IRs sample for sample), keeps designs physically possible, and the capture
 * processing adds the warnings and figures the UI shows.
 */
import { describe, expect, it } from 'vitest';
import { DESIGN_PRESETS, constrainDesign, designToSpace, renderDesign } from '../../src/capture/designer';
import { irFromDesign, irFromSweep } from '../../src/capture/process';
import { convolve } from '../../src/analysis/fft';
import { defaultSweepSpec, exponentialSweep, type SweepSpec } from '../../src/capture/sweep';
import { readSample } from './samples-helpers';
import { syntheticRoomIr, xorshift } from '../shared/synthetic-room';

const SR = 48_000;
const preset = (id: string) => {
  const p = DESIGN_PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};

describe('street-canyon designer', () => {
  it("offers the library's street IRs as presets (open top and ends only: not the diner)", () => {
    expect(DESIGN_PRESETS.map((p) => p.id).sort()).toEqual(['ir-boulevard', 'ir-canyon-narrow', 'ir-open-field']);
  });

  it.each(['ir-canyon-narrow', 'ir-boulevard', 'ir-open-field'])('an untouched preset renders %s exactly as the bundled file', (id) => {
    const p = preset(id);
    const designed = renderDesign(p.design, p, SR).ir;
    const bundled = readSample(id).channels[0];
    expect(designed.length).toBe(bundled.length);
    let maxDiff = 0;
    for (let i = 0; i < bundled.length; i++) maxDiff = Math.max(maxDiff, Math.abs(designed[i] - bundled[i]));
    expect(maxDiff).toBe(0); // the files are 32-bit float: nothing is lost in them
  });

  it('keeps source and listener between the facades and inside the block when the street shrinks', () => {
    const narrow = constrainDesign({ ...preset('ir-canyon-narrow').design, widthM: 10, lengthM: 20, listenerAlongM: 150 });
    expect(narrow.sourceAcrossM).toBe(4);
    expect(narrow.listenerAcrossM).toBe(9.5); // was 20 m from the first facade
    expect(narrow.listenerAlongM).toBe(20);
    const space = designToSpace({ ...narrow, facadeAbsorption: Number.NaN, heightM: 900 }, preset('ir-canyon-narrow').air);
    expect(space.facadeAbsorption).toBe(0);
    expect(space.heightM).toBe(250);
    expect(space.ceilingAbsorption).toBeNull();
  });

  it('reports the model figures with the IR: RT60, flutter period (2·width/c), direct sound', () => {
    const p = preset('ir-canyon-narrow');
    const made = irFromDesign(p.design, p, SR);
    if (!made.ok) throw new Error(made.reason);
    expect(made.details.modelRt60Seconds).toBeCloseTo(4.946, 3); // the manifest's targetRt60
    expect(made.details.flutterSeconds).toBeCloseTo((2 * 27) / 343, 9);
    expect(made.details.directSeconds).toBeCloseTo(Math.hypot(5, 16, 0.2) / 343, 9);
    expect(made.notices).toEqual([]);
    const field = irFromDesign(preset('ir-open-field').design, preset('ir-open-field'), SR);
    if (!field.ok) throw new Error(field.reason);
    expect(field.details.modelRt60Seconds).toBeNull();
    expect(field.details.flutterSeconds).toBeNull();
  });
});

describe('capture processing for the UI', () => {
  const spec: SweepSpec = { ...defaultSweepSpec(SR), seconds: 1.5 };
  const room = syntheticRoomIr({ sampleRate: SR, rt60: 0.5, delay: 0.01, seconds: 0.8 });
  /** The sweep through the room at `peak` full scale, hard-clipped at 1, then 0.6 s more, with a little noise. */
  function recording(peak: number): Float32Array {
    const wet = convolve(exponentialSweep(spec), room);
    const scale = peak / Math.max(...Array.from(wet, Math.abs));
    const rnd = xorshift(3);
    const out = new Float32Array(wet.length + Math.round(0.6 * SR));
    for (let i = 0; i < out.length; i++) out[i] = Math.max(-1, Math.min(1, (i < wet.length ? scale * wet[i] : 0) + 1e-5 * rnd()));
    return out;
  }

  it('a clean sweep gives a usable IR with its noise floor and no warnings', () => {
    const made = irFromSweep([recording(0.5)], SR, spec);
    if (!made.ok) throw new Error(made.reason);
    expect(made.notices).toEqual([]);
    expect(made.details.recordingPeakDbfs).toBeCloseTo(-6.02, 1);
    expect(made.details.noiseFloorDb).toBeLessThan(-60);
    expect(made.measurements.t30.seconds).toBeGreaterThan(0.45);
    expect(made.measurements.t30.seconds).toBeLessThan(0.55);
  });

  it('a clipped sweep still gives an IR, with a warning to turn the level down', () => {
    const made = irFromSweep([recording(1.6)], SR, spec);
    if (!made.ok) throw new Error(made.reason);
    expect(made.notices.map((n) => n.message)).toContain(
      'The recording clipped (samples at full scale): turn the playback or the input level down and capture again for a clean IR.',
    );
  });

  it('a recording of the sweep buried in noise fails with the reason and the level it had', () => {
    const quiet = Float32Array.from(recording(0.5), (v) => v * 1e-3);
    const rnd = xorshift(4);
    for (let i = 0; i < quiet.length; i++) quiet[i] += 1e-3 * rnd();
    const made = irFromSweep([quiet], SR, spec);
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(made.reason).toMatch(/^No clear sweep in the recording: its response stands only \d+ dB above the noise/);
    expect(made.reason).toMatch(/picked up very little \(peak -\d+ dBFS\): check that it is on and its input level is up\.$/);
  });
});
