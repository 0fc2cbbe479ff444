import { createHash } from "node:crypto";
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, EmbeddedJWK, type JWK } from "jose";

/**
 * DPoP proof checks (RFC 9449, docs/okta-api.md#dpop): header `typ: dpop+jwt`, an asymmetric `alg`, a public `jwk`
 * that verifies the signature; claims `htm`, `htu` (no query), `iat` (±5 min of real time: the client signs
 * with its own clock), `jti`; plus `nonce` at the token endpoint and `ath` on resource calls.
 */

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const MAX_SKEW_SECONDS = 300;

export class DpopError extends Error {
  constructor(
    message: string,
    /** True when only the nonce is missing or stale: the token endpoint answers `use_dpop_nonce`. */
    readonly nonceProblem = false,
  ) {
    super(message);
    this.name = "DpopError";
  }
}

export interface DpopExpectation {
  htm: string;
  /** Acceptable `htu` values (the URL may be spelt with the Host header or the emulator URL). */
  htu: string[];
  /** Acceptable nonces; `undefined` = no nonce required. */
  nonces?: string[];
  /** The access token the proof must be bound to (`ath`). */
  accessToken?: string;
  /** The key thumbprint the token is bound to. */
  jkt?: string;
}

export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("base64url");

/** Verifies a proof; resolves the thumbprint of its key. Messages never contain the proof or a token. */
export async function verifyDpopProof(proof: string | undefined, expect: DpopExpectation): Promise<string> {
  if (!proof) throw new DpopError("The DPoP proof JWT header is missing.");
  let header;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw new DpopError("The DPoP proof is not a JWT.");
  }
  if (header.typ !== "dpop+jwt") throw new DpopError("The DPoP proof must have typ dpop+jwt.");
  if (typeof header.alg !== "string" || !ALGORITHMS.includes(header.alg)) {
    throw new DpopError("The DPoP proof must use an asymmetric signature algorithm.");
  }
  const jwk = header.jwk as (JWK & { d?: unknown }) | undefined;
  if (!jwk || typeof jwk !== "object" || jwk.d !== undefined) {
    throw new DpopError("The DPoP proof must carry the public key in its jwk header.");
  }
  let claims: Record<string, unknown>;
  try {
    const { payload } = await compactVerify(proof, EmbeddedJWK, { algorithms: ALGORITHMS });
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch {
    throw new DpopError("The DPoP proof signature is invalid.");
  }
  if (typeof claims["htm"] !== "string" || claims["htm"].toUpperCase() !== expect.htm.toUpperCase()) {
    throw new DpopError("The DPoP proof htm does not match the request method.");
  }
  if (typeof claims["htu"] !== "string" || !expect.htu.includes(stripQuery(claims["htu"]))) {
    throw new DpopError("The DPoP proof htu does not match the request URL.");
  }
  const iat = claims["iat"];
  if (typeof iat !== "number" || Math.abs(Date.now() / 1000 - iat) > MAX_SKEW_SECONDS) {
    throw new DpopError("The DPoP proof iat is missing or too far from the current time.");
  }
  if (typeof claims["jti"] !== "string" || claims["jti"] === "")
    throw new DpopError("The DPoP proof needs a jti.");
  if (expect.nonces !== undefined) {
    const nonce = claims["nonce"];
    if (typeof nonce !== "string" || !expect.nonces.includes(nonce)) {
      throw new DpopError("Authorization server requires nonce in DPoP proof.", true);
    }
  }
  if (expect.accessToken !== undefined && claims["ath"] !== tokenHash(expect.accessToken)) {
    throw new DpopError("The DPoP proof ath does not match the access token.");
  }
  const jkt = await calculateJwkThumbprint(jwk);
  if (expect.jkt !== undefined && jkt !== expect.jkt) {
    throw new DpopError("The DPoP proof key is not the key the access token is bound to.");
  }
  return jkt;
}

function stripQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
