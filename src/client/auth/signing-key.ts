import { createPrivateKey, type KeyObject } from "node:crypto";

// Which private keys can sign a client assertion, with which JWS algorithm. Shared by the client and
// `src/config/`, so the config never accepts a key the client refuses; no JWT library, so config loads none.

/** What the client can sign with, as the error messages say it. */
export const SUPPORTED_SIGNING_KEYS =
  "an RSA key of 2048 bits or more, or an EC key on P-256, P-384 or P-521";
/** The smallest RSA modulus: Okta and the JWT library both refuse shorter ones for RS256. */
export const MIN_RSA_BITS = 2048;

export type SigningAlgorithm = "RS256" | "ES256" | "ES384" | "ES512";

const CURVES: Record<string, SigningAlgorithm> = {
  prime256v1: "ES256",
  secp384r1: "ES384",
  secp521r1: "ES512",
};

/**
 * A PEM private key (PKCS#1, SEC1 or PKCS#8) and its algorithm: RS256 for RSA of 2048+ bits, ES256/384/512 on
 * the NIST curves. Else `problem` ends a sentence starting with the setting's name ("… is an Ed25519 key;
 * …"), `unreadable` for no PEM private key: only type and size, never key material (nor crypto's error text).
 */
export function loadSigningKey(
  pem: string,
  unreadable: string,
): { key: KeyObject; alg: SigningAlgorithm } | { problem: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    return { problem: unreadable };
  }
  const checked = signingAlgorithm(key);
  return "problem" in checked ? checked : { key, alg: checked.alg };
}

function signingAlgorithm(key: KeyObject): { alg: SigningAlgorithm } | { problem: string } {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails;
  if (type === "rsa") {
    const bits = details?.modulusLength ?? 0;
    if (bits >= MIN_RSA_BITS) return { alg: "RS256" };
    return unsupported(`a ${bits}-bit RSA key`);
  }
  if (type === "ec") {
    const curve = details?.namedCurve ?? "unknown";
    const alg = CURVES[curve];
    return alg === undefined ? unsupported(`an EC key on ${curve}`) : { alg };
  }
  const names: Record<string, string> = {
    "rsa-pss": "an RSA-PSS key",
    ed25519: "an Ed25519 key",
    ed448: "an Ed448 key",
    x25519: "an X25519 key",
    x448: "an X448 key",
    dsa: "a DSA key",
    dh: "a DH key",
  };
  return unsupported((type !== undefined && names[type]) || `a ${type ?? "non-asymmetric"} key`);
}

function unsupported(what: string): { problem: string } {
  return { problem: `is ${what}; a service app's client assertion needs ${SUPPORTED_SIGNING_KEYS}` };
}
