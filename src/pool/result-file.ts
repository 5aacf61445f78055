/**
 * One listener's exported blind-test file, read back for pooling: an ABX or a rating-test
 * export, JSON or CSV (src/abx/export.ts, src/mushra/export.ts), made plain — who, which
 * setup, which answers. A file that is not such an export says what it is and why not.
 */

export type ResultKind = 'abx' | 'rating';

export interface ResultFile {
  /** The file's name, as the teacher sees it. */
  name: string;
  kind: ResultKind;
  listener: string;
  /** The setup tested, as canonical JSON (keys sorted): files of one class share it. */
  setup: string;
  /** ABX: answered trials and how many were right. */
  trials: number;
  correct: number;
  /** Rating test: each condition's scores, one per trial. */
  scores: Record<string, number[]>;
  /** Rating test: BS.1534-3 post-screening excludes this listener. */
  failsScreening: boolean;
  /** The answers themselves (times and choices): the same session exported twice has the same. */
  fingerprint: string;
}

export class ResultFileError extends Error {
  override name = 'ResultFileError';
}

const ABX_TOOL = 'Canyon Lab ABX';
const RATING_TOOL = 'Canyon Lab rating test (BS.1534-style)';
const ANONYMOUS = 'anonymous';

/** JSON with object keys sorted at every depth: equal setups give equal strings. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The fields of one CSV line (RFC 4180 quoting: "a ""b""" is a "b"). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export function parseResultFile(name: string, text: string): ResultFile {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new ResultFileError(`“${name}” is empty.`);
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new ResultFileError(`“${name}” looks like JSON but cannot be read (cut short or changed by hand?).`);
    }
    return fromJson(name, json);
  }
  return fromCsv(name, trimmed);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const notExport = (name: string) =>
  new ResultFileError(`“${name}” is not an ABX or rating-test export of Canyon Lab (JSON or CSV from the test's Export buttons).`);
const broken = (name: string, what: string) => new ResultFileError(`“${name}” is a Canyon Lab export, but ${what}.`);

function fromJson(name: string, json: unknown): ResultFile {
  if (!isObject(json) || (json.tool !== ABX_TOOL && json.tool !== RATING_TOOL)) throw notExport(name);
  if (!Array.isArray(json.trials) || !isObject(json.setup)) throw broken(name, 'its trials or setup are missing');
  const listener = typeof json.listener === 'string' && json.listener.trim() ? json.listener.trim() : ANONYMOUS;
  const base = { name, listener, setup: canonicalJson(json.setup) };
  if (json.tool === ABX_TOOL) {
    const trials = json.trials.map((t: unknown) => abxTrial(name, isObject(t) ? t.x : undefined, isObject(t) ? t.answer : undefined, t));
    return abxFile(base, trials);
  }
  const scores: Record<string, number[]> = {};
  const marks: string[] = [];
  for (const t of json.trials as unknown[]) {
    if (!isObject(t) || !isObject(t.scores)) throw broken(name, 'a trial has no scores');
    for (const [label, s] of Object.entries(t.scores)) {
      addScore(name, scores, label, s);
      marks.push(ratingMark(String(t.submittedAt), label, String(s)));
    }
  }
  const failsScreening = isObject(json.summary) && json.summary.failsScreening === true;
  return {
    ...base,
    kind: 'rating',
    trials: json.trials.length,
    correct: 0,
    scores,
    failsScreening,
    fingerprint: ratingPrint(listener, marks),
  };
}

function fromCsv(name: string, text: string): ResultFile {
  const lines = text.split(/\r?\n/);
  const header = csvFields(lines[0]);
  const comments = lines.filter((l) => l.startsWith('#')).map((l) => csvFields(l.slice(1).trim()));
  const setupLine = comments.find((f) => f[0] === 'setup');
  const rows = lines
    .slice(1)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map(csvFields);
  const col = (key: string) => header.indexOf(key);
  const isAbx = col('x') >= 0 && col('answer') >= 0 && col('correct') >= 0;
  const isRating = col('condition') >= 0 && col('score') >= 0;
  if (!isAbx && !isRating) throw notExport(name);
  if (!setupLine) throw broken(name, 'its “# setup” line is missing (cut short?)');
  let setup: unknown;
  try {
    setup = JSON.parse(setupLine[1] ?? '');
  } catch {
    throw broken(name, 'its setup line cannot be read');
  }
  const at = (row: string[], key: string) => (col(key) >= 0 ? (row[col(key)] ?? '') : '');
  const listener =
    (rows.map((r) => at(r, 'listener').trim()).find(Boolean) ?? comments.find((f) => f[0] === 'listener')?.[1]?.trim()) || ANONYMOUS;
  const base = { name, listener, setup: canonicalJson(setup) };
  if (isAbx)
    return abxFile(
      base,
      rows.map((r) => abxTrial(name, at(r, 'x'), at(r, 'answer'), { answeredAt: at(r, 'answered_at') })),
    );
  const scores: Record<string, number[]> = {};
  for (const r of rows) addScore(name, scores, at(r, 'condition'), Number(at(r, 'score')));
  const trials = new Set(rows.map((r) => at(r, 'trial'))).size;
  const fingerprint = ratingPrint(
    listener,
    rows.map((r) => ratingMark(at(r, 'submitted_at'), at(r, 'condition'), at(r, 'score'))),
  );
  return {
    ...base,
    kind: 'rating',
    trials,
    correct: 0,
    scores,
    failsScreening: comments.some((f) => f[0] === 'post-screening'),
    fingerprint,
  };
}

/** One score as the same text whether it was read from JSON or CSV. */
const ratingMark = (when: string, label: string, score: string) => `${when}:${label}=${Number(score)}`;
const ratingPrint = (listener: string, marks: string[]) => `rating|${listener}|${marks.sort().join(';')}`;

interface AbxTrial {
  correct: boolean;
  mark: string;
}

function abxTrial(name: string, x: unknown, answer: unknown, t: unknown): AbxTrial {
  if ((x !== 'A' && x !== 'B') || (answer !== 'A' && answer !== 'B'))
    throw broken(name, `a trial's X or answer is not A or B (${String(x)}, ${String(answer)})`);
  const when = isObject(t) && typeof t.answeredAt === 'string' ? t.answeredAt : '';
  return { correct: x === answer, mark: `${when}:${x}${answer}` };
}

function abxFile(base: Pick<ResultFile, 'name' | 'listener' | 'setup'>, trials: AbxTrial[]): ResultFile {
  if (!trials.length) throw broken(base.name, 'it holds no answered trial');
  return {
    ...base,
    kind: 'abx',
    trials: trials.length,
    correct: trials.filter((t) => t.correct).length,
    scores: {},
    failsScreening: false,
    // Counted from the trials themselves: the JSON's summary and the CSV's totals line are not trusted.
    fingerprint: `abx|${base.listener}|${trials
      .map((t) => t.mark)
      .sort()
      .join(';')}`,
  };
}

function addScore(name: string, scores: Record<string, number[]>, label: string, score: unknown): void {
  if (!label || typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100)
    throw broken(name, `a score is not a number from 0 to 100 (${label || 'no condition'}: ${String(score)})`);
  (scores[label] ??= []).push(score);
}
