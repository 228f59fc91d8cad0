/** Puts `key` into `keys` (ascending, no duplicates expected) in its place; appending is the common case. */
export function insertSorted(keys: string[], key: string): void {
  const last = keys.at(-1);
  if (last === undefined || key > last) keys.push(key);
  else
    keys.splice(
      keys.findIndex((kept) => kept > key),
      0,
      key,
    );
}
