import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { exportJWK, SignJWT, type JWK } from "jose";

/** DPoP (RFC 9449) proofs: an ephemeral P-256 key per client, a fresh proof per request (docs/okta-api.md#dpop). */

export interface DpopKey {
  privateKey: KeyObject;
  publicJwk: JWK;
}

export async function createDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = await exportJWK(publicKey);
  // exportJWK of a public key has no private member `d`; drop it anyway so a mistake cannot leak it.
  const { d: _d, ...publicJwk } = jwk;
  return { privateKey, publicJwk };
}

interface ProofClaims {
  method: string;
  url: string;
  nowMs: number;
  nonce?: string | undefined;
  /** When the proof accompanies an access token (resource requests). */
  accessToken?: string | undefined;
}

export async function createDpopProof(key: DpopKey, c: ProofClaims): Promise<string> {
  const url = new URL(c.url);
  // `htu` is the URL without query and fragment; `ath` the base64url SHA-256 of the access token.
  const payload: Record<string, string> = {
    htm: c.method.toUpperCase(),
    htu: `${url.origin}${url.pathname}`,
  };
  if (c.nonce !== undefined) payload["nonce"] = c.nonce;
  if (c.accessToken !== undefined)
    payload["ath"] = createHash("sha256").update(c.accessToken, "ascii").digest("base64url");
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: key.publicJwk })
    .setIssuedAt(Math.floor(c.nowMs / 1000))
    .setJti(randomUUID())
    .sign(key.privateKey);
}
