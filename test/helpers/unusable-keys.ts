import { generateKeyPairSync, type KeyObject } from "node:crypto";

const pem = (kp: { privateKey: KeyObject }) =>
  kp.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

/**
 * Private keys Node can read but Okta's client credentials cannot use with our signer, each with the reason
 * our check gives: `[name, PEM, reason]`. Generated on call (RSA generation takes a moment).
 */
export function unusablePrivateKeys(): [string, string, RegExp][] {
  return [
    ["Ed25519", pem(generateKeyPairSync("ed25519")), /is an Ed25519 key/],
    ["secp256k1", pem(generateKeyPairSync("ec", { namedCurve: "secp256k1" })), /EC key on secp256k1/],
    ["RSA-PSS", pem(generateKeyPairSync("rsa-pss", { modulusLength: 2048 })), /is an RSA-PSS key/],
    ["RSA-1024", pem(generateKeyPairSync("rsa", { modulusLength: 1024 })), /is a 1024-bit RSA key/],
  ];
}
