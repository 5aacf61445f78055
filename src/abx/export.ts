/**
 * ABX results as files: JSON with everything, CSV with one row per trial. Both carry the
 * listener, the date and the setup, so a teacher can pool a class's files (src/pool).
 */
import type { AbxSummary, AbxTrialRecord } from './session';

export interface AbxReport {
  tool: 'Canyon Lab ABX';
  /** The listener's name or id ('anonymous' when none was given). */
  listener: string;
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
  const lines = [['listener', 'trial', 'x', 'answer', 'correct', 'answered_at'].join(',')];
  for (const t of report.trials) lines.push([report.listener, t.trial, t.x, t.answer, t.correct, t.answeredAt].map(csvField).join(','));
  lines.push('');
  lines.push(`# started,${report.startedAt},finished,${report.finishedAt}`);
  lines.push(`# correct,${report.summary.correct},of,${report.summary.answered},p_value,${report.summary.pValue}`);
  lines.push(`# setup,${csvField(JSON.stringify(report.setup))}`);
  return lines.join('\n') + '\n';
}

/** A blind test's result file: named by the test, the listener and when it started (e.g. abx-ana-2026-12-02T10-00-00.000Z.csv). */
export function resultFile(test: 'abx' | 'rating', listener: string, startedAt: string, format: 'csv' | 'json', text: string) {
  const who = listener.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'anonymous';
  const stamp = startedAt.replaceAll(':', '-');
  return { name: `${test}-${who}-${stamp}.${format}`, type: format === 'csv' ? 'text/csv' : 'application/json', text };
}
