import { RESOURCE_NAME_KEY } from "../provider/log";
import { reservedKeyFailures } from "../schemas/reserved-keys";

/**
 * Refuses reserved keys while the program holds the arguments as written: Pulumi's serializer turns an own
 * `__proto__` key (from `JSON.parse`, say) into nothing before `check` sees it. Outputs and Promises: `check`.
 */
export function refuseReservedKeys(type: string, name: string, args: object): void {
  const failures = reservedKeyFailures(args);
  if (failures.length === 0) return;
  throw new TypeError(
    `${type} ${JSON.stringify(name)}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
  );
}

/** The module of every resource's type token. */
export const MODULE = "okta-identity-source";

/** What a resource registers: its inputs, its name (for the provider's messages), and its outputs, unset. */
export const resourceProps = (name: string, outputs: readonly string[], inputs: Record<string, unknown>) => ({
  ...inputs,
  [RESOURCE_NAME_KEY]: name,
  ...Object.fromEntries(outputs.map((key) => [key, undefined])),
});
