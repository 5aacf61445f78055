/**
 * "Today's" lab for figure 2: the app as it was when issue 12 (slots) was filed, built from
 * git and served beside the current one, so that "first waveform no later than today's"
 * is measured in the same run, on the same machine and browser, load for load.
 *
 * Why a build and not the number the issue quotes (+290 ms over an empty page, taken
 * 2026-11-29): on this machine and Chromium the same page loads have since grown 2–3×
 * for identical code — the floor page that only decodes and draws the clip went from
 * +135 to +267–372 ms over the empty page — so a fixed figure from another day says
 * nothing about what the slots cost. The build is cached by commit under the bench's
 * work folder; without the commit (a shallow clone) the figure says so and keeps the
 * fixed reading only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The last commit before the slots work: issues 11–17 were filed against it (bench/README.md, figure 2). */
export const TODAYS_COMMIT = '4f90e935e1a3842f4345e4dd96cc65c418a8f953';

/**
 * Build TODAYS_COMMIT's app into `<work>/todays-lab/dist` (once per commit) with this repo's
 * node_modules, whose versions its package.json ranges accept. Returns the dist folder, or
 * the reason it could not be built.
 */
export function buildTodaysLab(repo: string, work: string): { dist: string } | { missing: string } {
  const root = join(work, 'todays-lab');
  const dist = join(root, 'dist');
  const stamp = join(root, 'built-from');
  if (existsSync(join(dist, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === TODAYS_COMMIT) return { dist };
  try {
    execFileSync('git', ['-C', repo, 'cat-file', '-e', `${TODAYS_COMMIT}^{commit}`], { stdio: 'ignore' });
  } catch {
    return {
      missing: `commit ${TODAYS_COMMIT.slice(0, 7)} is not in this clone (shallow?): fetch the history to compare with today's lab`,
    };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const archive = execFileSync('git', ['-C', repo, 'archive', '--format=tar', TODAYS_COMMIT], { maxBuffer: 2 ** 30 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(stamp, TODAYS_COMMIT);
  return { dist };
}
