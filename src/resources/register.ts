import { RESOURCE_NAME_KEY } from "../provider/log";
import { reservedKeyFailures } from "../schemas/reserved-keys";

/**
 * Refuses `__proto__`, `constructor` and `prototype` keys in a resource's arguments while the program still
 * holds them as written: Pulumi's serializer copies objects key by key, which turns an own `__proto__` key
 * (from `JSON.parse` of a data file, say) into nothing before the provider's `check` could see it. Values that
 * are Outputs or Promises are left to `check`.
 */
export function refuseReservedKeys(type: string, name: string, args: object): void {
  const failures = reservedKeyFailures(args);
  if (failures.length === 0) return;
  throw new TypeError(
    `${type} ${JSON.stringify(name)}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
  );
}

/** What a resource registers: its inputs, its name (for the provider's messages), and its outputs, unset. */
export function resourceProps(
  name: string,
  outputs: readonly string[],
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...inputs,
    [RESOURCE_NAME_KEY]: name,
    ...Object.fromEntries(outputs.map((key) => [key, undefined])),
  };
}
