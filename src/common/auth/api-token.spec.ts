import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveApiToken } from './api-token';

describe('resolveApiToken', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tw-token-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers API_TOKEN and writes nothing', () => {
    expect(resolveApiToken('from-the-environment-123', dir)).toEqual({
      token: 'from-the-environment-123',
      source: 'environment',
    });
  });

  it('generates a token once, keeps it private under DATA_DIR, and reuses it', () => {
    const first = resolveApiToken(undefined, dir);
    expect(first.source).toBe('generated');
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'api-token'), 'utf8').trim()).toBe(first.token);
    expect(statSync(join(dir, 'api-token')).mode & 0o777).toBe(0o600);
    const second = resolveApiToken(undefined, dir);
    expect(second).toEqual({ token: first.token, source: 'file', file: join(dir, 'api-token') });
  });
});
