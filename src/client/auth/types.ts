import type { Headers } from "../retry-timing";

export interface AuthContext {
  /** Absolute deadline (epoch ms) of the operation the headers are for. */
  deadline: number;
  signal?: AbortSignal;
}

/** Credential headers, asked for every attempt so one-time values (DPoP proofs) are fresh each time. */
export interface AuthProvider {
  /** Headers for one attempt of `method` on the absolute `url`. */
  headers(method: string, url: string, ctx: AuthContext): Promise<Record<string, string>>;
  /** After a 401: prepare new credentials; true when one more try can succeed. */
  refresh(responseHeaders: Headers): boolean;
  /** Credential values to scrub from any text the client builds. */
  secrets(): string[];
}

/** A token the client cannot renew, sent as `Authorization: <scheme> <token>`. */
export const staticTokenAuth = (scheme: "SSWS" | "Bearer", token: string): AuthProvider => ({
  headers: async () => ({ Authorization: `${scheme} ${token}` }),
  refresh: () => false,
  secrets: () => [token],
});
