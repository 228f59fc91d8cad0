import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ResolvedApiToken {
  token: string;
  /** Where it came from; `generated` means it was created now and must be shown once. */
  source: 'environment' | 'file' | 'generated';
  file?: string;
}

/** API_TOKEN if set; otherwise the token kept under DATA_DIR, generated on first start. */
export function resolveApiToken(configured: string | undefined, dataDir: string): ResolvedApiToken {
  if (configured) return { token: configured, source: 'environment' };
  const file = join(dataDir, 'api-token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return { token, source: 'file', file };
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, source: 'generated', file };
}
