import type { CheckFailure } from "./check-failures";
import { formatPath } from "./check-failures";

/**
 * Object keys JavaScript treats specially. `__proto__` is worse than refused: every plain object copy on the
 * way to Okta (zod's output, Pulumi's serializer on both sides of the gRPC boundary) assigns it as the
 * prototype instead of a property, so the attribute vanishes without an error. `constructor` and
 * `prototype` shadow built-ins that code reading the object may rely on. None is a usable Okta attribute.
 */
export const RESERVED_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

export const RESERVED_KEY_REASON =
  'must not be used as a key: "__proto__", "constructor" and "prototype" are special in JavaScript and would be dropped or misread on the way to Okta';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Every own key in `RESERVED_KEYS` under `value`, at the key's own path. Only plain objects and arrays are
 * looked into: an Output or a Promise is checked once resolved, by `check`.
 */
export function reservedKeyFailures(value: unknown, path: readonly (string | number)[] = []): CheckFailure[] {
  const failures: CheckFailure[] = [];
  // One path, extended and shortened in place as the walk goes: it visits every value of a job of 100,000s of
  // records, and a new path per value was most of its time and memory.
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
