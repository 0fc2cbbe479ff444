import { stripUndefined } from "./values";

/**
 * An error the host turns into a partially created resource (`ErrorResourceInitFailed`): what it names exists
 * in Okta (a record, an import's sessions), so its id and outputs must reach state, or the next run would
 * create it again. The host stores `properties` verbatim and adds the serialized provider (`__provider`) only
 * to successful results, so it is copied from the inputs (by default `properties` already hold it): without
 * it, refresh and destroy of the partially created resource fail with "no provider".
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
