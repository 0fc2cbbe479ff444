import type { AuthProvider } from "./types";

/** A ready-made OAuth 2.0 access token: `Authorization: Bearer <token>`. We cannot renew it ourselves. */
export function accessTokenAuth(token: string): AuthProvider {
  return {
    headers: async () => ({ Authorization: `Bearer ${token}` }),
    refresh: () => false,
    secrets: () => [token],
  };
}
