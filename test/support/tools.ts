import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface Tools {
  promtool: string;
  redisServer: string;
  /** LD_LIBRARY_PATH for binaries unpacked into .cache/tools. */
  libraries: string;
}

let found: Tools | undefined;

/** The real binaries the tests use, installed into .cache/tools when missing (never skipped). */
export function tools(): Tools {
  if (found) return found;
  const output = execFileSync(
    'node',
    [join(__dirname, '..', '..', 'scripts', 'ensure-tools.mjs')],
    { encoding: 'utf8' },
  );
  const line = (name: string) => {
    const match = new RegExp(`^${name}: (.+)$`, 'm').exec(output);
    if (!match) throw new Error(`ensure-tools printed no ${name}:\n${output}`);
    return match[1].trim();
  };
  found = {
    promtool: line('promtool'),
    redisServer: line('redis-server'),
    libraries: line('libraries'),
  };
  return found;
}
