import { randomBytes } from "node:crypto";

/**
 * Identifier formats seen in real traffic (docs/okta-api.md#identifiers): 20-character alphanumeric ids with a 3-character
 * type prefix, `oae` + 22 for error ids, 32 hex digits for `X-Okta-Request-Id`.
 */

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomAlphanumeric(length: number): string {
  // Rejection sampling keeps the distribution uniform (248 = 4 × 62).
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}

export const newSessionId = (): string => `aps${randomAlphanumeric(17)}`;
export const newGroupId = (): string => `00g${randomAlphanumeric(17)}`;
export const newUserId = (): string => `0ua${randomAlphanumeric(17)}`;
export const newIdentitySourceId = (): string => `0oa${randomAlphanumeric(17)}`;
export const newErrorId = (): string => `oae${randomAlphanumeric(22)}`;
export const newRequestId = (): string => randomBytes(16).toString("hex");
export const newApiToken = (): string => `emu-${randomAlphanumeric(40)}`;
export const newAccessToken = (): string => `emu-at-${randomAlphanumeric(48)}`;
export const newNonce = (): string => randomAlphanumeric(32);
