import { stripUndefined } from "./values";

/**
 * An error the host turns into a partially created resource (it exists in Okta: id and outputs must reach state).
 * `__provider`, which the host adds only to successes, is copied from the inputs: else refresh and destroy fail
 * with "no provider".
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
