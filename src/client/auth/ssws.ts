import { staticTokenAuth, type AuthProvider } from "./types";

/** Okta API token: `Authorization: SSWS <token>`. Nothing to refresh: a 401 means the token is bad. */
export const sswsAuth = (token: string): AuthProvider => staticTokenAuth("SSWS", token);
