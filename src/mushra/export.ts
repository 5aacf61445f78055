/**
 * Rating-test results as files: JSON with everything, CSV with one row per trial and
 * condition (the long format statistics packages read). Both carry the listener, the date
 * and the setup, so a teacher can pool a class's files.
 */
import { csvField } from '../abx/export';
import type { MushraSummary, MushraTrialRecord } from './session';

export interface MushraReport {
  tool: 'Canyon Lab rating test (BS.1534-style)';
  listener: string;
  startedAt: string;
  finishedAt: string;
  /** What was compared: the slots (sources, processing, levels), the reference, the anchor. */
  setup: Record<string, unknown>;
  summary: MushraSummary;
  trials: readonly MushraTrialRecord[];
}

export function mushraToJson(report: MushraReport): string {
  return JSON.stringify(report, null, 2);
}

export function mushraToCsv(report: MushraReport): string {
  const lines = [['listener', 'trial', 'position', 'condition', 'score', 'submitted_at'].join(',')];
  for (const t of report.trials) {
    t.order.forEach((label, i) =>
      lines.push([report.listener, t.trial, i + 1, label, t.scores[label], t.submittedAt].map(csvField).join(',')),
    );
  }
  lines.push('');
  for (const c of report.summary.conditions) {
    lines.push(
      `# mean,${csvField(c.label)},${c.mean.toFixed(1)},ci95,${Number.isFinite(c.halfWidth) ? c.halfWidth.toFixed(1) : ''},n,${c.n}`,
    );
  }
  if (report.summary.failsScreening) lines.push('# post-screening,hidden reference below 90 in more than 15 % of trials');
  lines.push(`# setup,${csvField(JSON.stringify(report.setup))}`);
  return lines.join('\n') + '\n';
}
