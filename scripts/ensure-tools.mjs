#!/usr/bin/env node
// Makes sure the binaries the tests run for real are present: promtool (Prometheus's checker),
// redis-server and docker-compose (validates docker-compose.yml; needs no container engine).
// Looks at an env override, then .cache/tools, then PATH; otherwise fetches the Debian packages
// with `apt-get download` and unpacks them into .cache/tools (nothing is installed system-wide,
// no service starts). docker-compose is the exception: Debian's v1.29.2 is a Python program with
// a dozen Debian Python dependencies, so it cannot be unpacked beside the others; as root it is
// installed with apt-get, otherwise the script stops and says how to install it.
// Prints `name: path` per tool; fails loudly.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache', 'tools');
const libDir = join(cache, 'usr', 'lib', 'x86_64-linux-gnu');

const TOOLS = [
  {
    name: 'promtool',
    env: 'PROMTOOL',
    packages: ['prometheus'],
    binary: 'usr/bin/promtool',
    check: ['--version'],
  },
  {
    name: 'redis-server',
    env: 'REDIS_SERVER',
    packages: ['redis-tools', 'libjemalloc2', 'liblzf1'],
    // Debian's redis-server is a symlink to this multi-call binary (it acts on its own name).
    binary: 'usr/bin/redis-server',
    linkTo: 'redis-check-rdb',
    check: ['--version'],
  },
  {
    name: 'docker-compose',
    env: 'DOCKER_COMPOSE',
    packages: ['docker-compose'],
    // No `binary`: never unpacked into .cache/tools; installed system-wide (root only).
    install: 'apt',
    check: ['--version'],
  },
];

const runs = (binary, args) =>
  spawnSync(binary, args, { stdio: 'ignore', env: { ...process.env, LD_LIBRARY_PATH: libDir } })
    .status === 0;

function locate(tool) {
  const override = process.env[tool.env];
  if (override && runs(override, tool.check)) return override;
  const cached = tool.binary && join(cache, tool.binary);
  if (cached && existsSync(cached) && runs(cached, tool.check)) return cached;
  if (runs(tool.name, tool.check)) return tool.name;
  return undefined;
}

function download(tool) {
  const work = join(root, '.cache', 'download', tool.name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const fetch = () =>
    spawnSync('apt-get', ['download', ...tool.packages], { cwd: work, stdio: 'inherit' }).status ===
    0;
  if (!fetch()) {
    console.error('apt-get download failed; refreshing the package lists once (apt-get update)');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    if (!fetch()) throw new Error(`apt-get download ${tool.packages.join(' ')} failed`);
  }
  mkdirSync(cache, { recursive: true });
  for (const deb of readdirSync(work).filter((file) => file.endsWith('.deb'))) {
    execFileSync('dpkg-deb', ['-x', join(work, deb), cache], { stdio: 'inherit' });
  }
  if (tool.linkTo && !existsSync(join(cache, tool.binary)))
    symlinkSync(tool.linkTo, join(cache, tool.binary));
  rmSync(work, { recursive: true, force: true });
}

// apt-get install, for the tools that cannot be unpacked into .cache/tools. Waits for the dpkg
// lock (another apt-get may be running) instead of failing at once.
function install(tool) {
  const command = `apt-get install -y --no-install-recommends ${tool.packages.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${tool.name} not found, and it cannot be unpacked into .cache/tools (a Python program ` +
        `with many Debian Python dependencies). Install it as root:\n  ${command}\n` +
        `or set ${tool.env}=/path/to/${tool.name}`,
    );
  }
  console.error(`${tool.name} not found: installing Debian's ${tool.packages.join(', ')}`);
  const apt = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      // apt's progress goes to stderr: stdout carries only the `name: path` lines.
      stdio: ['ignore', process.stderr, 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  const fetch = () => apt(['install', '-y', '--no-install-recommends', ...tool.packages]);
  if (!fetch()) {
    console.error('apt-get install failed; refreshing the package lists once (apt-get update)');
    if (!apt(['update', '-qq']) || !fetch()) throw new Error(`${command} failed`);
  }
}

function ensure(tool) {
  let path = locate(tool);
  if (!path) {
    if (tool.install === 'apt') {
      install(tool);
    } else {
      console.error(
        `${tool.name} not found: fetching Debian's ${tool.packages.join(', ')} into .cache/tools`,
      );
      download(tool);
    }
    path = locate(tool);
  }
  if (!path)
    throw new Error(`${tool.name} still does not run; set ${tool.env}=/path/to/${tool.name}`);
  return path;
}

try {
  for (const tool of TOOLS) console.log(`${tool.name}: ${ensure(tool)}`);
  console.log(`libraries: ${libDir}`);
} catch (error) {
  console.error(
    `\n${error.message}\nInstall the tools (Debian: apt-get install prometheus redis-server docker-compose) or set the variables above.`,
  );
  process.exit(1);
}
