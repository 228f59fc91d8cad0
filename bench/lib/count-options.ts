import { parseArgs, ParseArgsConfig } from 'node:util';

/**
 * Command-line options that are all positive whole numbers (`--rounds 30`), each with its
 * default; an unknown flag or a value that is not a positive integer throws, naming the flag.
 */
export function parseCountOptions<K extends string>(
  argv: string[],
  defaults: Record<K, number>,
): Record<K, number> {
  const names = Object.keys(defaults) as K[];
  const options: ParseArgsConfig['options'] = Object.fromEntries(
    names.map((name) => [name, { type: 'string', default: String(defaults[name]) }]),
  );
  const values = parseArgs({ args: argv, options }).values as Record<string, unknown>;
  const parsed = {} as Record<K, number>;
  for (const name of names) {
    const raw = String(values[name]);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a positive integer, not "${raw}"`);
    }
    parsed[name] = value;
  }
  return parsed;
}
