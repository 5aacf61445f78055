/**
 * The street-canyon designer's state: the design (sliders), the preset it started from,
 * and the IR it makes. A change is rendered in the capture worker after a short pause
 * (sliders fire on every step) and goes straight into the lab's reverb: heard at once.
 * The design is kept in IndexedDB, so it is still there after a reload.
 */
import { LAB_SAMPLE_RATE } from '../audio/constants';
import { DESIGN_PRESETS, constrainDesign, type CanyonDesign, type DesignKey, type DesignPreset } from '../capture/designer';
import { CaptureWorker } from '../capture/worker-client';
import { loadValue, saveValue } from './session-store';
import { resultOf, wavFile, saveToLab, useInReverb, type IrResult } from './ir-result';
import type { IrSink } from './ir-result';

/** The reverb's id for the design in use before it is saved. */
export const DESIGNED_IR_ID = 'session:designed';
/** Wait this long after the last slider step before rendering, ms. */
export const DESIGN_DEBOUNCE_MS = 150;
const DESIGN_KEY = 'designer';

interface StoredDesign {
  presetId: string;
  design: CanyonDesign;
}

const defaultPreset = (): DesignPreset => DESIGN_PRESETS.find((p) => p.id === 'ir-canyon-narrow') ?? DESIGN_PRESETS[0];

export class DesignerState {
  presetId = $state(defaultPreset().id);
  design = $state<CanyonDesign>({ ...defaultPreset().design });
  result = $state.raw<IrResult | null>(null);
  /** A render is pending or running. */
  busy = $state(false);
  problem = $state('');

  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private settledWaiters: (() => void)[] = [];

  constructor(
    private readonly lab: IrSink,
    private readonly worker = new CaptureWorker(),
  ) {}

  get preset(): DesignPreset {
    return DESIGN_PRESETS.find((p) => p.id === this.presetId) ?? defaultPreset();
  }

  /** Bring back the last design and render it for the view (not into the reverb: the user did not ask yet). */
  async restore(): Promise<void> {
    const stored = await loadValue<StoredDesign>(DESIGN_KEY);
    if (!stored?.design) return;
    if (DESIGN_PRESETS.some((p) => p.id === stored.presetId)) this.presetId = stored.presetId;
    this.design = constrainDesign({ ...this.preset.design, ...stored.design });
    await this.render(false);
  }

  /** One slider moved: render after a pause and hear it. */
  set(key: DesignKey, value: number): void {
    this.design = constrainDesign({ ...this.design, [key]: value });
    this.changed();
  }

  choosePreset(id: string): void {
    this.presetId = id;
    this.design = { ...this.preset.design };
    this.changed();
  }

  /** Render now and put the result in the reverb. */
  async apply(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.render(true);
  }

  /** Resolves once no render is pending (tests, and the UI's "Save" after a last slider move). */
  settled(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  async useAsReverb(): Promise<void> {
    if (this.result?.usable) await useInReverb(this.lab, DESIGNED_IR_ID, this.result);
  }

  async save(): Promise<void> {
    await this.settled();
    if (this.result?.usable) await saveToLab(this.lab, this.result);
  }

  /** The result as a WAV file to download, or null. */
  wavFile(): { name: string; blob: Blob } | null {
    return this.result ? wavFile(this.result) : null;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.worker.dispose();
  }

  private changed(): void {
    this.busy = true;
    this.persist();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.render(true);
    }, DESIGN_DEBOUNCE_MS);
  }

  private persist(): void {
    const stored: StoredDesign = { presetId: this.presetId, design: { ...this.design } };
    saveValue(DESIGN_KEY, stored, 'the street design').catch((err: Error) => this.lab.notify('error', err.message));
  }

  private async render(use: boolean): Promise<void> {
    const generation = ++this.generation;
    this.busy = true;
    const design = { ...this.design };
    const { air, seed } = this.preset;
    const outcome = await this.worker.run({ kind: 'design', design, preset: { air, seed }, sampleRate: LAB_SAMPLE_RATE });
    // A newer change is on its way: this render is already out of date.
    if (generation !== this.generation || this.timer) return;
    if (!outcome.ok) {
      this.problem = outcome.reason;
    } else {
      this.problem = '';
      this.result = resultOf(outcome, 'design', designName(design));
      if (use) await this.useAsReverb();
    }
    this.busy = false;
    for (const resolve of this.settledWaiters.splice(0)) resolve();
  }
}

function designName(d: CanyonDesign): string {
  if (d.heightM === 0) return `Designed open ground, α ${d.groundAbsorption.toFixed(2)}`;
  return `Designed street ${d.widthM} × ${d.heightM} m, facade α ${d.facadeAbsorption.toFixed(2)}`;
}
