import { stripUndefined } from "./values";

/**
 * An error the host turns into a partially created resource: what it names exists in Okta, so its id and
 * outputs must reach state. The host adds `__provider` only to successful results, so it is copied from the
 * inputs: without it, refresh and destroy of the partially created resource fail with "no provider".
 */
export function idCarryingError(
  message: string,
  id: string,
  properties: Record<string, unknown>,
  inputs: Record<string, unknown> = properties,
): Error & { id: string; properties: Record<string, unknown>; reasons: string[] } {
  return Object.assign(new Error(message), {
    id,
    properties: stripUndefined({ ...properties, __provider: inputs["__provider"] }),
    reasons: [message],
  });
}
