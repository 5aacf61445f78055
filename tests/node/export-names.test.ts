import { describe, expect, it } from 'vitest';
import { differenceWavName, exportName, slotWavName, slug, type SlotProvenance } from '../../src/export/names';
import { measurementsCsvWithProvenance, measurementsJsonWithProvenance, provenanceOf } from '../../src/export/measurement-export';
import { defaultSettings } from '../../src/audio/settings';

const processed = defaultSettings('ir-canyon-narrow');
const A: SlotProvenance = { label: 'A', clip: 'gunshot-canned', settings: null };
const B: SlotProvenance = { label: 'B', clip: 'gunshot-canned', settings: processed };

describe('export file names', () => {
  it('say the slot, the clip, the space and settings, and the format', () => {
    expect(slotWavName(B, 'pcm24')).toBe('canyon-lab_b_gunshot-canned_ir-canyon-narrow-wet50_24bit.wav');
    const squashed = {
      ...processed,
      compressor: { ...processed.compressor, enabled: true },
      reverb: { ...processed.reverb, preDelay: 0.02 },
    };
    expect(slotWavName({ label: 'Slot 3', clip: 'My shot (take 2).WAV', settings: squashed }, 'float32')).toBe(
      'canyon-lab_slot-3_my-shot-take-2_ir-canyon-narrow-wet50-pre20ms_comp-tm30-r8-k6-a1ms-r150ms-mu0_32f.wav',
    );
    expect(slotWavName(A, 'pcm24')).toBe('canyon-lab_a_gunshot-canned_unprocessed_24bit.wav');
  });

  it('a difference names both slots and their processing', () => {
    expect(differenceWavName(A, B, 'float32')).toBe('canyon-lab_diff_gunshot-canned_a_unprocessed_minus_b_ir-canyon-narrow-wet50_32f.wav');
  });

  it('measurement exports list the clips and spaces', () => {
    expect(exportName('measurements', [A, B], 'csv')).toBe('canyon-lab_measurements_gunshot-canned_ir-canyon-narrow.csv');
    expect(slug('Café — été.wav')).toBe('cafe-ete');
  });
});

describe('measurement exports with provenance', () => {
  const p = provenanceOf({ A, B }, new Date('2026-01-02T03:04:05Z'));
  it('CSV: a comment line per column naming clip and settings, then the unchanged table', () => {
    const csv = measurementsCsvWithProvenance({ A: null, B: null }, p);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('# Canyon Lab measurements, exported 2026-01-02T03:04:05.000Z');
    expect(lines[1]).toBe('# A: A, clip gunshot-canned, unprocessed');
    expect(lines[2]).toBe('# B: B, clip gunshot-canned, ir-canyon-narrow-wet50');
    expect(lines[3].startsWith('figure,unit,A,B')).toBe(true);
  });

  it('JSON: the settings themselves travel with the figures', () => {
    const json = JSON.parse(measurementsJsonWithProvenance({ A: null }, p)) as { provenance: typeof p; items: unknown };
    expect(json.provenance.sources.B.settings).toEqual(processed);
    expect(json.items).toEqual({ A: null });
  });
});
