#!/usr/bin/env node
// Makes sure `promtool` (and `prometheus`, for the pipeline tests) can run. Looks on PATH, then in
// .cache/prometheus; otherwise fetches Debian's prometheus package with `apt-get download` and
// unpacks it into .cache/prometheus (no service is installed or started). Fails loudly when it can't.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'prometheus');
const cachedBin = join(cacheDir, 'usr', 'bin');

const works = (binary) => spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;

export function findPromtool() {
  if (process.env.PROMTOOL && works(process.env.PROMTOOL)) return process.env.PROMTOOL;
  const cached = join(cachedBin, 'promtool');
  if (existsSync(cached) && works(cached)) return cached;
  if (works('promtool')) return 'promtool';
  return undefined;
}

function download() {
  const work = join(root, '.cache', 'prometheus-download');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const fetchDeb = () =>
    spawnSync('apt-get', ['download', 'prometheus'], { cwd: work, stdio: 'inherit' }).status === 0;
  if (!fetchDeb()) {
    console.error('apt-get download failed; refreshing the package lists once (apt-get update)');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    if (!fetchDeb()) throw new Error('apt-get download prometheus failed');
  }
  const deb = readdirSync(work).find((file) => file.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download produced no .deb');
  mkdirSync(cacheDir, { recursive: true });
  execFileSync('dpkg-deb', ['-x', join(work, deb), cacheDir], { stdio: 'inherit' });
  rmSync(work, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let promtool = findPromtool();
  if (!promtool) {
    console.error(
      'promtool not found: fetching the Debian prometheus package into .cache/prometheus',
    );
    try {
      download();
    } catch (error) {
      console.error(
        `\nCould not get promtool: ${error.message}\nInstall it (Debian: apt-get install prometheus) or set PROMTOOL=/path/to/promtool.`,
      );
      process.exit(1);
    }
    promtool = findPromtool();
    if (!promtool) {
      console.error('promtool still does not run after unpacking; set PROMTOOL=/path/to/promtool');
      process.exit(1);
    }
  }
  console.log(`promtool: ${promtool}`);
}
