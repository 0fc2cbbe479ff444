import type { CheckFailure } from "./check-failures";
import { formatPath } from "./check-failures";

/**
 * Keys JavaScript treats specially; none is a usable Okta attribute. Every object copy on the way to Okta (zod,
 * Pulumi's serializer on both sides of gRPC) makes `__proto__` the prototype, so the attribute vanishes
 * silently; `constructor` and `prototype` shadow built-ins that readers of the object may rely on.
 */
export const RESERVED_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

export const RESERVED_KEY_REASON =
  'must not be used as a key: "__proto__", "constructor" and "prototype" are special in JavaScript and would be dropped or misread on the way to Okta';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every own `RESERVED_KEYS` key under `value`, at its path; only plain objects and arrays (`check` sees the rest). */
export function reservedKeyFailures(value: unknown, path: readonly (string | number)[] = []): CheckFailure[] {
  const failures: CheckFailure[] = [];
  // One path, changed in place: over 100,000s of records a new path per value was most of the time and memory.
  const at: (string | number)[] = [...path];
  const walk = (node: object): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (item === null || typeof item !== "object") continue;
        at.push(i);
        walk(item);
        at.pop();
      }
      return;
    }
    if (!isPlainObject(node)) return;
    for (const key of Object.keys(node)) {
      const child = node[key];
      const reserved = RESERVED_KEYS.includes(key);
      if (!reserved && (child === null || typeof child !== "object")) continue;
      at.push(key);
      if (reserved) failures.push({ property: formatPath(at), reason: RESERVED_KEY_REASON });
      else walk(child as object);
      at.pop();
    }
  };
  if (value !== null && typeof value === "object") walk(value);
  return failures;
}

/** Reserved-key failures first; other failures at the same property are dropped (one reason per key). */
export function withReservedKeyFailures(input: unknown, failures: readonly CheckFailure[]): CheckFailure[] {
  const reserved = reservedKeyFailures(input);
  const taken = new Set(reserved.map((f) => f.property));
  return [...reserved, ...failures.filter((f) => !taken.has(f.property))];
}
