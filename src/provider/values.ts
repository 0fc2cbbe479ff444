/** Plain JSON property bags as the host passes and stores them: shaping, reading and comparing. No I/O. */

/** The host rejects `undefined` anywhere in a returned property bag ("Unexpected struct type"). */
export function stripUndefined<T extends Record<string, unknown>>(bag: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(bag)) {
    if (value === undefined) continue;
    out[key] =
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? stripUndefined(value as Record<string, unknown>)
        : value;
  }
  return out as T;
}

/** Copies the listed keys from `from` when they are set (booleans, the resource name) into a new bag. */
export function pick(
  from: Record<string, unknown> | undefined,
  keys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = from?.[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function stringAt(bag: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = bag?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}
