import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerCompose, dockerComposeBinary, REPO_ROOT } from './support/docker-compose';
import { dockerfileStages, parseDockerfile } from './support/dockerfile';
import { parseYaml, type YamlValue } from './support/yaml-subset';

type Mapping = { [key: string]: YamlValue };

const COMPOSE_FILE = 'docker-compose.yml';
const SERVICES = ['app', 'grafana', 'postgres', 'prometheus', 'redis'];
const VOLUMES = ['app-data', 'grafana-data', 'postgres-data', 'prometheus-data'];

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const asMap = (value: YamlValue | undefined, what: string): Mapping => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} is not a mapping: ${JSON.stringify(value)}`);
  }
  return value;
};
const asList = (value: YamlValue | undefined, what: string): YamlValue[] => {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list: ${JSON.stringify(value)}`);
  return value;
};

/**
 * docker-compose.yml as written (docker-compose itself is the judge of validity, below; this
 * reads the structure with the repository's strict YAML-subset reader, which throws rather than
 * misreads). Values keep their `${VAR:-default}` substitutions.
 */
const compose = asMap(parseYaml(read(COMPOSE_FILE), COMPOSE_FILE), COMPOSE_FILE);
const services = asMap(compose.services, 'services');
const service = (name: string) => asMap(services[name], `services.${name}`);

/** "KEY: value" mapping or "- KEY=value" list, as compose accepts both. */
function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment;
  if (env === undefined || env === '') return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const [key, ...value] = String(entry).split('=');
        return [key, value.join('=')];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(asMap(env, `${name}.environment`)).map(([k, v]) => [k, String(v)]),
  );
}

/** "source:target[:mode]" short-syntax mounts of a service, as [source, target] pairs. */
function mountsOf(name: string): [string, string][] {
  return asList(service(name).volumes, `services.${name}.volumes`).map((entry) => {
    const [source, target] = String(entry).split(':');
    return [source, target];
  });
}

function healthcheckCommand(name: string): string {
  const test = asMap(service(name).healthcheck, `services.${name}.healthcheck`).test;
  return Array.isArray(test) ? test.map(String).join(' ') : String(test ?? '');
}

describe('docker-compose.yml', () => {
  // ensure-tools may have to install docker-compose first (≈ 20 s).
  beforeAll(() => {
    dockerComposeBinary();
  }, 300_000);

  it('is valid for docker-compose v1.29 (`config -q` exits 0)', () => {
    const result = dockerCompose(['-f', COMPOSE_FILE, 'config', '-q']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('defines exactly the app, postgres, redis, prometheus and grafana services', () => {
    const result = dockerCompose(['-f', COMPOSE_FILE, 'config', '--services']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(SERVICES);
    expect(Object.keys(services).sort()).toEqual(SERVICES);
  });

  it('keeps every service state in a named volume', () => {
    const result = dockerCompose(['-f', COMPOSE_FILE, 'config', '--volumes']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(VOLUMES);
    expect(mountsOf('app')).toContainEqual(['app-data', dockerfileEnv().DATA_DIR]);
    expect(mountsOf('postgres')).toContainEqual(['postgres-data', '/var/lib/postgresql']);
    expect(mountsOf('prometheus')).toContainEqual(['prometheus-data', '/prometheus']);
    expect(mountsOf('grafana')).toContainEqual(['grafana-data', '/var/lib/grafana']);
  });

  it('starts the app once postgres and redis are healthy, and checks its liveness', () => {
    const dependsOn = asMap(service('app').depends_on, 'services.app.depends_on');
    for (const dependency of ['postgres', 'redis']) {
      expect(asMap(dependsOn[dependency], dependency).condition).toBe('service_healthy');
    }
    // service_healthy waits forever on a service without a healthcheck.
    expect(healthcheckCommand('postgres')).toMatch(/pg_isready/);
    expect(healthcheckCommand('redis')).toMatch(/redis-cli ping/);
    expect(healthcheckCommand('app')).toContain('http://127.0.0.1:3000/health/live');
  });

  it('points the app at the postgres and redis services', () => {
    const env = environmentOf('app');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/tradewatch:.+@postgres:5432\/tradewatch$/);
    expect(env.REDIS_URL).toBe('redis://redis:6379/0');
  });

  it('passes the app only variables that .env.template documents', () => {
    const documented = new Set(
      [...read('.env.template').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]),
    );
    const passed = Object.keys(environmentOf('app'));
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.filter((name) => !documented.has(name))).toEqual([]);
    const interpolated = [...read('docker-compose.yml').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map(
      (match) => match[1],
    );
    expect(interpolated.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('runs the app where prometheus/targets/tradewatch.json scrapes it (app:3000)', () => {
    const targets = JSON.parse(read('prometheus/targets/tradewatch.json')) as {
      targets: string[];
    }[];
    expect(targets.flatMap((group) => group.targets)).toContain('app:3000');
    // The app listens on PORT 3000 (the image's default; compose must not move it).
    expect(dockerfileEnv().PORT).toBe('3000');
    expect(environmentOf('app').PORT ?? '3000').toBe('3000');
    expect(environmentOf('app').METRICS_PORT ?? '').toBe('');
    // Prometheus reads this repository's configuration, rules and target files.
    expect(mountsOf('prometheus')).toContainEqual(['./prometheus', '/etc/prometheus']);
    const command = asList(service('prometheus').command, 'prometheus.command').map(String);
    expect(command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    expect(command).toContain('--storage.tsdb.path=/prometheus');
    expect(command.some((arg) => arg.startsWith('--storage.tsdb.retention.time='))).toBe(true);
  });

  it('mounts the dashboards where the Grafana provider reads them', () => {
    const file = 'grafana/provisioning/dashboards/dashboards.yml';
    const providers = asList(asMap(parseYaml(read(file), file), file).providers, 'providers');
    const paths = providers.map(
      (provider) => asMap(asMap(provider, 'provider').options, 'options').path,
    );
    const mounts = mountsOf('grafana');
    for (const path of paths) expect(mounts).toContainEqual(['./grafana/dashboards/json', path]);
    expect(mounts).toContainEqual(['./grafana/provisioning', '/etc/grafana/provisioning']);
    // The provisioned data source is the prometheus service.
    expect(read('grafana/provisioning/datasources/prometheus.yml')).toMatch(
      /^\s+url: http:\/\/prometheus:9090$/m,
    );
    expect(asList(service('grafana').ports, 'grafana.ports')).toContain('3001:3000');
  });

  describe('a broken copy fails validation', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'tradewatch-compose-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Validates `source` as if it were docker-compose.yml (paths relative to the repository). */
    const validate = (source: string, name: string) => {
      const file = join(dir, name);
      writeFileSync(file, source);
      return dockerCompose(['--project-directory', REPO_ROOT, '-f', file, 'config', '-q']);
    };
    const original = read(COMPOSE_FILE);
    const intoApp = (lines: string) => {
      const patched = original.replace(/^ {2}app:\n/m, `  app:\n${lines}`);
      expect(patched).not.toBe(original);
      return patched;
    };

    it('(the unmodified copy passes: the failures below come from the change)', () => {
      expect(validate(original, 'unmodified.yml').status).toBe(0);
    });

    it.each([
      ['an unknown key', () => intoApp('    bogus: true\n'), /services\.app.*'bogus'/],
      [
        'a key newer than docker-compose v1 (healthcheck start_interval)',
        () => original.replace(/^( {6}start_period: 30s\n)/m, '$1      start_interval: 2s\n'),
        /start_interval/,
      ],
      [
        'a top-level name (newer than docker-compose v1)',
        () => `name: tradewatch\n${original}`,
        /'name'/,
      ],
    ])('rejects %s', (_what, make, message) => {
      const source = make();
      expect(source).not.toBe(original);
      const result = validate(source, 'broken.yml');
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(message);
    });
  });
});

const dockerfile = parseDockerfile(read('Dockerfile'));
const stages = dockerfileStages(dockerfile);
const runtime = stages[stages.length - 1];

/** ENV of the final stage, NAME=value pairs (quoted values are not used in this Dockerfile). */
function dockerfileEnv(): Record<string, string> {
  return Object.fromEntries(
    runtime.body
      .filter((instruction) => instruction.keyword === 'ENV')
      .flatMap((instruction) => [...instruction.args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)])
      .map((match) => [match[1], match[2]]),
  );
}

describe('Dockerfile', () => {
  const last = (keyword: string) =>
    runtime.body.filter((instruction) => instruction.keyword === keyword).at(-1);

  it('builds in stages and ships production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const runs = (stage: (typeof stages)[number]) =>
      stage.body.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    const copies = runtime.body.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    // node_modules come from the stage that runs `npm ci --omit=dev` (or that is the runtime).
    const prodDeps = stages.find((stage) =>
      runs(stage).some((run) => /\bnpm ci\b.*--omit=dev/.test(run)),
    );
    expect(prodDeps).toBeDefined();
    if (prodDeps !== runtime) {
      const name = / AS (\S+)$/i.exec(prodDeps!.from.args)?.[1];
      expect(copies).toContainEqual(
        expect.stringMatching(new RegExp(`--from=${name} \\S*node_modules`)),
      );
    }
    // The runtime never installs dev dependencies.
    expect(
      runs(runtime).filter((run) => /\bnpm (ci|install)\b/.test(run) && !/--omit=dev/.test(run)),
    ).toEqual([]);
    expect(copies).toContainEqual(expect.stringMatching(/--from=\S+ \/app\/dist /));
    expect(copies).toContainEqual(expect.stringMatching(/^data\/replay /));
  });

  it('runs as a non-root user', () => {
    const user = last('USER');
    expect(user).toBeDefined();
    const [name, group] = user!.args.trim().split(':');
    expect(['root', '0']).not.toContain(name);
    if (group !== undefined) expect(['root', '0']).not.toContain(group);
    // The process starts after the switch (the last USER of the final stage applies to CMD).
    expect(last('CMD')!.line).toBeGreaterThan(user!.line);
  });

  it('checks /health/live, exposes 3000 and starts dist/main.js', () => {
    const healthcheck = last('HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\bCMD\b.*\/health\/live/);
    expect(last('EXPOSE')?.args).toBe('3000');
    expect(JSON.parse(last('CMD')!.args)).toEqual(['node', 'dist/main.js']);
    expect(dockerfileEnv()).toMatchObject({
      NODE_ENV: 'production',
      DATA_DIR: '/var/lib/tradewatch',
    });
    expect(last('VOLUME')?.args).toContain('/var/lib/tradewatch');
  });

  it('keeps dependencies, build output, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.data', '.cache', '.git', '.env']) {
      expect(ignored).toContain(entry);
    }
  });
});
