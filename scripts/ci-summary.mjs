// Reads Vitest's JSON report and fails unless every test project really executed tests.
// A browser that failed to launch, or a project silently filtered out, must turn CI red.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results.json', 'utf8'));
const required = { node: 'tests/node/', browser: 'tests/browser/', e2e: 'tests/e2e/' };
const counts = Object.fromEntries(Object.keys(required).map((k) => [k, { passed: 0, failed: 0, skipped: 0 }]));
for (const file of report.testResults) {
  const project = Object.keys(required).find((k) => file.name.includes(required[k]));
  if (!project) continue;
  for (const t of file.assertionResults) {
    if (t.status === 'passed') counts[project].passed++;
    else if (t.status === 'failed') counts[project].failed++;
    else counts[project].skipped++;
  }
}
let ok = report.success !== false;
for (const [project, c] of Object.entries(counts)) {
  console.log(`${project}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  if (c.passed === 0) {
    console.log(`ERROR: no ${project} test was executed`);
    ok = false;
  }
}
const passed = report.numPassedTests;
const failed = report.numFailedTests;
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
