#!/usr/bin/env node
// Makes sure the binaries the tests run for real are present: promtool (Prometheus's checker) and
// redis-server. Looks at an env override, then .cache/tools, then PATH; otherwise fetches the
// Debian packages with `apt-get download` and unpacks them into .cache/tools (nothing is
// installed system-wide, no service starts). Prints `name: path` per tool; fails loudly.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache', 'tools');
const libDir = join(cache, 'usr', 'lib', 'x86_64-linux-gnu');

const TOOLS = [
  { name: 'promtool', env: 'PROMTOOL', packages: ['prometheus'], binary: 'usr/bin/promtool', check: ['--version'] },
  {
    name: 'redis-server',
    env: 'REDIS_SERVER',
    packages: ['redis-tools', 'libjemalloc2', 'liblzf1'],
    // Debian's redis-server is a symlink to this multi-call binary (it acts on its own name).
    binary: 'usr/bin/redis-server',
    linkTo: 'redis-check-rdb',
    check: ['--version'],
  },
];

const runs = (binary, args) =>
  spawnSync(binary, args, { stdio: 'ignore', env: { ...process.env, LD_LIBRARY_PATH: libDir } }).status === 0;

function locate(tool) {
  const override = process.env[tool.env];
  if (override && runs(override, tool.check)) return override;
  const cached = join(cache, tool.binary);
  if (existsSync(cached) && runs(cached, tool.check)) return cached;
  if (runs(tool.name, tool.check)) return tool.name;
  return undefined;
}

function download(tool) {
  const work = join(root, '.cache', 'download', tool.name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const fetch = () => spawnSync('apt-get', ['download', ...tool.packages], { cwd: work, stdio: 'inherit' }).status === 0;
  if (!fetch()) {
    console.error('apt-get download failed; refreshing the package lists once (apt-get update)');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    if (!fetch()) throw new Error(`apt-get download ${tool.packages.join(' ')} failed`);
  }
  mkdirSync(cache, { recursive: true });
  for (const deb of readdirSync(work).filter((file) => file.endsWith('.deb'))) {
    execFileSync('dpkg-deb', ['-x', join(work, deb), cache], { stdio: 'inherit' });
  }
  if (tool.linkTo && !existsSync(join(cache, tool.binary))) symlinkSync(tool.linkTo, join(cache, tool.binary));
  rmSync(work, { recursive: true, force: true });
}

function ensure(tool) {
  let path = locate(tool);
  if (!path) {
    console.error(`${tool.name} not found: fetching Debian's ${tool.packages.join(', ')} into .cache/tools`);
    download(tool);
    path = locate(tool);
  }
  if (!path) throw new Error(`${tool.name} still does not run; set ${tool.env}=/path/to/${tool.name}`);
  return path;
}

try {
  for (const tool of TOOLS) console.log(`${tool.name}: ${ensure(tool)}`);
  console.log(`libraries: ${libDir}`);
} catch (error) {
  console.error(`\n${error.message}\nInstall the tools (Debian: apt-get install prometheus redis-server) or set the variables above.`);
  process.exit(1);
}
