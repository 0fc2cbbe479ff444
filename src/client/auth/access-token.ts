import { staticTokenAuth, type AuthProvider } from "./types";

/** A ready-made OAuth 2.0 access token: `Authorization: Bearer <token>`. We cannot renew it ourselves. */
export const accessTokenAuth = (token: string): AuthProvider => staticTokenAuth("Bearer", token);
