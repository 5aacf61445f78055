/**
 * A class's blind-test files pooled: per listener (trials, correct, exact one-sided
 * binomial p) and for the class (total correct of total trials, p); for rating tests the
 * mean and 95 % interval per condition across listeners, after BS.1534-3 post-screening.
 * Duplicates and files of another setup are flagged and left out, never merged silently.
 */
import { csvField } from '../abx/export';
import { meanInterval, type MeanInterval } from '../mushra/statistics';
import type { ResultFile, ResultKind } from './result-file';

/** P(X ≥ correct) for X ~ Binomial(trials, ½), summed in log space so a whole class's trials (thousands) stay finite. */
export function binomialTailP(correct: number, trials: number): number {
  if (trials <= 0 || correct <= 0) return 1;
  if (correct > trials) return 0;
  // log P(X = k) = log C(n, k) − n log 2, built up term by term from k = correct.
  let logC = 0;
  for (let i = 1; i <= correct; i++) logC += Math.log((trials - correct + i) / i);
  const logs: number[] = [];
  for (let k = correct; k <= trials; k++) {
    logs.push(logC - trials * Math.LN2);
    logC += Math.log((trials - k) / (k + 1));
  }
  const top = Math.max(...logs);
  return Math.min(1, Math.exp(top) * logs.reduce((sum, l) => sum + Math.exp(l - top), 0));
}

export type FileStatus = 'counted' | 'duplicate' | 'other-setup' | 'screened-out';

export interface PooledFile {
  file: ResultFile;
  status: FileStatus;
  /** Why it is not counted, in words; '' when counted. */
  note: string;
}

export interface ListenerRow {
  listener: string;
  files: number;
  trials: number;
  correct: number;
  pValue: number;
}

export interface ConditionRow extends MeanInterval {
  label: string;
}

export interface KindPool {
  kind: ResultKind;
  listeners: ListenerRow[];
  /** ABX: all counted trials together. */
  total: { trials: number; correct: number; pValue: number };
  /** Rating tests: per condition across listeners (each listener's mean counts once). */
  conditions: ConditionRow[];
}

export interface Pool {
  files: PooledFile[];
  abx: KindPool | null;
  rating: KindPool | null;
}

export function poolResults(files: readonly ResultFile[]): Pool {
  const pooled: PooledFile[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const earlier = seen.get(file.fingerprint);
    if (earlier) pooled.push({ file, status: 'duplicate', note: `the same answers as “${earlier}”` });
    else {
      seen.set(file.fingerprint, file.name);
      pooled.push({ file, status: 'counted', note: '' });
    }
  }
  const pool = (kind: ResultKind) => poolKind(kind, pooled);
  return { files: pooled, abx: pool('abx'), rating: pool('rating') };
}

/** The class's setup is the one most files of this kind share (the first file's on a tie); the others are flagged. */
function poolKind(kind: ResultKind, pooled: PooledFile[]): KindPool | null {
  const mine = pooled.filter((p) => p.file.kind === kind && p.status === 'counted');
  if (!mine.length) return null;
  const counts = new Map<string, number>();
  for (const p of mine) counts.set(p.file.setup, (counts.get(p.file.setup) ?? 0) + 1);
  const setup = [...counts.entries()].reduce((best, e) => (e[1] > best[1] ? e : best))[0];
  const sharing = counts.get(setup)!;
  for (const p of mine) {
    if (p.file.setup !== setup) {
      p.status = 'other-setup';
      p.note = `another setup than the ${sharing} file(s) pooled`;
    } else if (p.file.failsScreening) {
      p.status = 'screened-out';
      p.note = 'post-screening: hidden reference below 90 in more than 15 % of trials';
    }
  }
  const counted = mine.filter((p) => p.status === 'counted').map((p) => p.file);
  const byListener = new Map<string, ResultFile[]>();
  for (const f of counted) byListener.set(f.listener, [...(byListener.get(f.listener) ?? []), f]);
  const listeners = [...byListener.entries()].map(([listener, fs]) => {
    const trials = fs.reduce((n, f) => n + f.trials, 0);
    const correct = fs.reduce((n, f) => n + f.correct, 0);
    return { listener, files: fs.length, trials, correct, pValue: kind === 'abx' ? binomialTailP(correct, trials) : NaN };
  });
  const trials = listeners.reduce((n, l) => n + l.trials, 0);
  const correct = listeners.reduce((n, l) => n + l.correct, 0);
  return {
    kind,
    listeners,
    total: { trials, correct, pValue: kind === 'abx' ? binomialTailP(correct, trials) : NaN },
    conditions: kind === 'rating' ? conditionRows([...byListener.values()]) : [],
  };
}

/** Each listener's mean per condition, then the mean and 95 % interval of those means. */
function conditionRows(listeners: ResultFile[][]): ConditionRow[] {
  const labels = [...new Set(listeners.flatMap((fs) => fs.flatMap((f) => Object.keys(f.scores))))];
  return labels.map((label) => {
    const means = listeners.flatMap((fs) => {
      const scores = fs.flatMap((f) => f.scores[label] ?? []);
      return scores.length ? [scores.reduce((a, b) => a + b, 0) / scores.length] : [];
    });
    return { label, ...meanInterval(means) };
  });
}

const pText = (p: number) => (p < 0.0001 ? p.toExponential(2) : p.toFixed(5));

/** The pooled tables as CSV: listeners, the total, conditions, then every file left out and why. */
export function poolToCsv(pool: Pool): string {
  const lines: string[] = [];
  if (pool.abx) {
    lines.push('test,listener,files,trials,correct,p_one_sided');
    for (const l of pool.abx.listeners)
      lines.push(['abx', l.listener, l.files, l.trials, l.correct, pText(l.pValue)].map(csvField).join(','));
    const t = pool.abx.total;
    lines.push(
      ['abx', 'pooled', pool.abx.listeners.reduce((n, l) => n + l.files, 0), t.trials, t.correct, pText(t.pValue)].map(csvField).join(','),
    );
  }
  if (pool.rating) {
    if (lines.length) lines.push('');
    lines.push('test,condition,listeners,mean,ci95_half_width');
    for (const c of pool.rating.conditions)
      lines.push(
        ['rating', c.label, c.n, c.mean.toFixed(1), Number.isFinite(c.halfWidth) ? c.halfWidth.toFixed(1) : ''].map(csvField).join(','),
      );
  }
  for (const p of pool.files.filter((f) => f.status !== 'counted'))
    lines.push(`# not counted,${csvField(p.file.name)},${csvField(p.note)}`);
  return lines.join('\n') + '\n';
}
