import type { AuthProvider } from "./types";

/** Okta API token: `Authorization: SSWS <token>`. Nothing to refresh: a 401 means the token is bad. */
export function sswsAuth(token: string): AuthProvider {
  return {
    headers: async () => ({ Authorization: `SSWS ${token}` }),
    refresh: () => false,
    secrets: () => [token],
  };
}
