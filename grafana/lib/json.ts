/**
 * Pretty JSON laid out exactly as Prettier 3 lays out a `.json` file (printWidth 100): non-empty
 * objects one key per line, an array of plain values on one line when it fits, otherwise one
 * value per line. The generator writes with it and the drift test compares with it, so the
 * committed dashboards pass `prettier --check` without Prettier's async API (which jest cannot
 * load without --experimental-vm-modules).
 */
const INDENT = '  ';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isContainer = (value: unknown): value is object =>
  typeof value === 'object' && value !== null;

const isEmpty = (value: object): boolean =>
  Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;

/** Prettier measures text in columns; the dashboards are ASCII apart from a few symbols. */
const width = (text: string): number => [...text].length;

function printArray(
  items: Json[],
  depth: number,
  lineStart: number,
  suffix: number,
  printWidth: number,
): string {
  if (items.length === 0) return '[]';
  const flat = items.every((item) => !isContainer(item) || isEmpty(item));
  if (flat) {
    const oneLine = `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
    if (lineStart + width(oneLine) + suffix <= printWidth) return oneLine;
    if (items.every((item) => typeof item === 'number')) {
      throw new Error('a long array of numbers would be filled by Prettier; not supported');
    }
  }
  const inner = INDENT.repeat(depth + 1);
  const lines = items.map((item, i) => {
    const comma = i < items.length - 1 ? 1 : 0;
    return inner + print(item, depth + 1, width(inner), comma, printWidth);
  });
  return `[\n${lines.join(',\n')}\n${INDENT.repeat(depth)}]`;
}

function printObject(value: { [key: string]: Json }, depth: number, printWidth: number): string {
  const keys = Object.keys(value).filter((key) => value[key] !== undefined);
  if (keys.length === 0) return '{}';
  const inner = INDENT.repeat(depth + 1);
  const lines = keys.map((key, i) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    const comma = i < keys.length - 1 ? 1 : 0;
    return head + print(value[key], depth + 1, width(head), comma, printWidth);
  });
  return `{\n${lines.join(',\n')}\n${INDENT.repeat(depth)}}`;
}

function print(
  value: Json,
  depth: number,
  lineStart: number,
  suffix: number,
  printWidth: number,
): string {
  if (Array.isArray(value)) return printArray(value, depth, lineStart, suffix, printWidth);
  if (isContainer(value)) return printObject(value, depth, printWidth);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`${value} has no JSON form`);
  }
  return JSON.stringify(value);
}

/** `value` as Prettier-formatted JSON text with a trailing newline. */
export function formatJson(value: unknown, printWidth = 100): string {
  // A round trip drops undefined members and turns class instances into plain data first.
  const plain = JSON.parse(JSON.stringify(value)) as Json;
  return `${print(plain, 0, 0, 0, printWidth)}\n`;
}
