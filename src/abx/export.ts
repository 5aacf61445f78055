/** ABX results as files: JSON with everything, CSV with one row per trial. */
import type { AbxSummary, AbxTrialRecord } from './session';

export interface AbxReport {
  tool: 'Canyon Lab ABX';
  startedAt: string;
  finishedAt: string;
  /** What was compared: clip, impulse response and chain settings, as the app describes them. */
  setup: Record<string, unknown>;
  summary: AbxSummary;
  trials: readonly AbxTrialRecord[];
}

export function abxToJson(report: AbxReport): string {
  return JSON.stringify(report, null, 2);
}

export function csvField(v: unknown): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function abxToCsv(report: AbxReport): string {
  const lines = [['trial', 'x', 'answer', 'correct', 'answered_at'].join(',')];
  for (const t of report.trials) lines.push([t.trial, t.x, t.answer, t.correct, t.answeredAt].map(csvField).join(','));
  lines.push('');
  lines.push(`# correct,${report.summary.correct},of,${report.summary.answered},p_value,${report.summary.pValue}`);
  lines.push(`# setup,${csvField(JSON.stringify(report.setup))}`);
  return lines.join('\n') + '\n';
}
