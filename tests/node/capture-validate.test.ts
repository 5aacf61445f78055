import { describe, expect, it } from 'vitest';
import { MAX_IR_SECONDS, validateImpulseResponse, type IrProblemCode } from '../../src/capture/validate';
import { lengthWithoutTrailingSilence, trimToSeconds } from '../../src/capture/shape';
import { syntheticRoomIr } from '../shared/synthetic-room';

const SR = 48_000;
const goodIr = syntheticRoomIr({ sampleRate: SR, rt60: 0.8, delay: 0.005, seconds: 1.2 });

function codes(channels: Float32Array[], rate = SR): IrProblemCode[] {
  return validateImpulseResponse(channels, rate).problems.map((p) => p.code);
}

describe('impulse-response validation', () => {
  it('passes a plausible room response, mono or stereo, without remarks', () => {
    expect(validateImpulseResponse([goodIr], SR)).toEqual({ ok: true, problems: [] });
    expect(validateImpulseResponse([goodIr, goodIr], SR)).toEqual({ ok: true, problems: [] });
  });

  it('rejects an all-zero IR and a silent one', () => {
    const zeros = validateImpulseResponse([new Float32Array(SR)], SR);
    expect(zeros.ok).toBe(false);
    expect(zeros.problems).toEqual([{ code: 'silent', severity: 'error', message: expect.stringMatching(/all zeros/) }]);
    const whisper = Float32Array.from(goodIr, (v) => v * 1e-6); // peak −120 dBFS
    const silent = validateImpulseResponse([whisper], SR);
    expect(silent.ok).toBe(false);
    expect(silent.problems[0].message).toMatch(/silent \(peak −?-?12\d dBFS\)/);
  });

  it('rejects NaN and infinite samples and says how many and where', () => {
    const broken = Float32Array.from(goodIr);
    broken[24_000] = NaN;
    broken[30_000] = Infinity;
    const v = validateImpulseResponse([goodIr, broken], SR);
    expect(v.ok).toBe(false);
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0].code).toBe('non-finite');
    expect(v.problems[0].message).toMatch(/2 invalid samples \(NaN or infinity\), the first at 0\.500 s/);
  });

  it('rejects an empty IR, no channels, and an impossible sample rate', () => {
    expect(codes([new Float32Array(0)])).toEqual(['empty']);
    expect(codes([])).toEqual(['no-channels']);
    expect(codes([goodIr], 0)).toEqual(['bad-sample-rate']);
    expect(validateImpulseResponse([goodIr], NaN).ok).toBe(false);
  });

  it('warns about an IR longer than 20 s and offers to trim it; the trim gives a valid 20 s IR with a faded end', () => {
    const long = new Float32Array(21 * SR);
    long.set(goodIr);
    for (let i = goodIr.length; i < long.length; i++) long[i] = 1e-4 * Math.sin(i); // a faint hum to the end
    const v = validateImpulseResponse([long], SR);
    expect(v.ok).toBe(true); // usable, but the user is asked
    expect(v.problems).toEqual([
      { code: 'too-long', severity: 'warning', message: expect.stringMatching(/21\.0 s long.*Trim it to 20 s\?/), offer: 'trim' },
    ]);
    const trimmed = trimToSeconds([long], SR, MAX_IR_SECONDS);
    expect(trimmed[0].length).toBe(MAX_IR_SECONDS * SR);
    expect(trimmed[0].at(-1)).toBeCloseTo(0, 12);
    let changed = 0;
    for (let i = 0; i < goodIr.length; i++) if (trimmed[0][i] !== goodIr[i]) changed++;
    expect(changed).toBe(0);
    expect(validateImpulseResponse(trimmed, SR)).toEqual({ ok: true, problems: [] });
    // A response already short enough is left as it is.
    const untouched = trimToSeconds([goodIr], SR, MAX_IR_SECONDS)[0];
    expect(untouched.length).toBe(goodIr.length);
    expect(untouched.every((v, i) => v === goodIr[i])).toBe(true);
  });

  it('warns about a very short IR, a clipped one, a DC offset and an odd channel count', () => {
    const tiny = new Float32Array(5); // 0.1 ms
    tiny[0] = 1;
    expect(codes([tiny])).toEqual(['too-short']);
    const clipped = Float32Array.from(goodIr, (v) => Math.max(-1, Math.min(1, v * 4)));
    expect(codes([clipped])).toEqual(['clipped']);
    const offset = Float32Array.from(goodIr, (v) => v + 0.05);
    expect(codes([offset])).toEqual(['dc-offset']);
    expect(codes([goodIr, goodIr, goodIr])).toEqual(['channel-count']);
    for (const c of [[tiny], [clipped], [offset], [goodIr, goodIr, goodIr]]) expect(validateImpulseResponse(c, SR).ok).toBe(true);
  });

  it('finds where a noiseless response falls silent (more than 120 dB under its peak)', () => {
    const padded = new Float32Array(goodIr.length + SR);
    padded.set(goodIr);
    padded[goodIr.length + 100] = 1e-7; // −140 dB re the peak: silence
    expect(lengthWithoutTrailingSilence([padded])).toBe(goodIr.length - countTrailingBelow(goodIr, 1e-6));
    padded[goodIr.length + 100] = 1e-5; // −100 dB: still part of the response
    expect(lengthWithoutTrailingSilence([new Float32Array(10), padded])).toBe(goodIr.length + 101);
    expect(lengthWithoutTrailingSilence([new Float32Array(10)])).toBe(0);
  });
});

/** Samples at the end of `x` no larger than `limit` times its peak. */
function countTrailingBelow(x: Float32Array, limit: number): number {
  const floor = Math.max(...Array.from(x, Math.abs)) * limit;
  let n = 0;
  while (n < x.length && Math.abs(x[x.length - 1 - n]) <= floor) n++;
  return n;
}
