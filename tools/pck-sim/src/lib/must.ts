/** The value, or a thrown error naming what was missing (lookups in our own fixed tables). */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`pck-sim: missing ${what}`);
  return value;
}
