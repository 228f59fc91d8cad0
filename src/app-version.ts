import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const readVersion = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
};

export const APP_NAME = 'tradewatch';
/** From package.json (src/ and dist/ both sit one level below it). */
export const APP_VERSION = readVersion();
