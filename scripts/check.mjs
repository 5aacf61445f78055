// `npm run check`: formatting, lint and type checks. They are independent and each runs on
// one core, so they run side by side (as many at once as the machine has cores): on CI's
// 2 cores that halves the minute and a half they took one after another. Each one's output
// is printed whole when it ends, and the run fails if any of them fails.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

// Longest first, so the short ones fill the gaps.
const checks = [
  ['eslint', 'eslint --max-warnings 0 .'],
  ['svelte-check', 'svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'],
  ['tsc (node: config, scripts, tests)', 'tsc --noEmit -p tsconfig.node.json'],
  ['tsc (bench page)', 'tsc --noEmit -p bench/tsconfig.json'],
  ['tsc (bench driver)', 'tsc --noEmit -p bench/tsconfig.node.json'],
  ['prettier', 'prettier --check .'],
];

function run([name, command]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, env: { ...process.env, FORCE_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s\n${code === 0 ? '' : output}`);
      resolve(code === 0);
    });
  });
}

const queue = [...checks];
const results = [];
const lanes = Array.from({ length: Math.max(1, Math.min(availableParallelism(), checks.length)) }, async () => {
  for (let next = queue.shift(); next; next = queue.shift()) results.push(await run(next));
});
await Promise.all(lanes);
const failed = results.filter((ok) => !ok).length;
console.log(failed ? `\n${failed} of ${checks.length} checks failed` : `\nall ${checks.length} checks passed`);
process.exit(failed ? 1 : 0);
