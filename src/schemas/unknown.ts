/** In preview, inputs depending on other resources arrive as this (SDK `runtime/rpc.js` `unknownValue`); let it through. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const isUnknown = (value: unknown): boolean => value === UNKNOWN;

/** Whether anything in `value` is unknown. Plain loops: it runs over every value of 100,000s of records. */
export function containsUnknown(value: unknown): boolean {
  if (value === null || typeof value !== "object") return isUnknown(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (containsUnknown(value[i])) return true;
    return false;
  }
  for (const key in value)
    if (Object.hasOwn(value, key) && containsUnknown((value as Record<string, unknown>)[key])) return true;
  return false;
}
