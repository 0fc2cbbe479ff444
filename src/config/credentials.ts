import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { z } from "zod";
import { loadSigningKey } from "../client/auth/signing-key";
import type { OktaAuth } from "../client/options";
import { OktaConfigError } from "./error";
import { groupLayer, label, parse, type Field, type Layer, type LayerFn } from "./fields";
import { DEFAULT_SCOPES, SETTINGS, type Key } from "./settings";

type Method = "apiToken" | "accessToken" | "privateKey";
const METHOD_KEYS: Record<Method, readonly Key[]> = {
  apiToken: ["apiToken"],
  accessToken: ["accessToken"],
  privateKey: ["clientId", "privateKey"],
};
const env = (key: Key): string => SETTINGS[key].env;
/** `okta:clientId + okta:privateKey / OKTA_API_CLIENT_ID + OKTA_API_PRIVATE_KEY` */
const methodHelp = (m: Method): string =>
  `${METHOD_KEYS[m].map((key) => `okta:${key}`).join(" + ")} / ${METHOD_KEYS[m].map(env).join(" + ")}`;

/** Every key of the credential group: the three methods' keys plus the private-key options. */
const CREDENTIAL_KEYS: readonly Key[] = [...Object.values(METHOD_KEYS).flat(), "privateKeyId", "scopes"];

/** The scheme a pasted token may carry, which the Authorization header adds itself. */
const SCHEME_OF: Partial<Record<Key, string>> = { apiToken: "SSWS", accessToken: "Bearer" };

export function resolveAuth(layer: LayerFn): OktaAuth {
  const from = groupLayer(layer, CREDENTIAL_KEYS);
  const where = from === "config" ? "stack config" : "the environment";
  const get = (key: Key): Field | undefined => layer(from, key);
  const candidates = (Object.keys(METHOD_KEYS) as Method[]).filter((m) =>
    METHOD_KEYS[m].some((key) => get(key)),
  );
  if (candidates.length > 1) {
    throw new OktaConfigError(
      `Conflicting Okta credentials in ${where}: ${candidates.map(methodHelp).join(" and ")} ` +
        `are ${candidates.length === 2 ? "both" : "all"} set; keep exactly one auth method.`,
      candidates.flatMap((m) => METHOD_KEYS[m].map((key) => `okta:${key}`)),
    );
  }
  const method = candidates[0];
  if (method === undefined && from === "config") {
    const set = CREDENTIAL_KEYS.filter((key) => get(key)).map((key) => `okta:${key}`);
    throw new OktaConfigError(
      `Stack config sets ${set.join(" and ")}, options of private-key auth, but not okta:clientId + ` +
        "okta:privateKey. Credentials are read wholly from stack config when it sets any credential key, so " +
        `none in the environment are used: set okta:clientId and okta:privateKey, or remove ${set.join(" and ")} ` +
        "from stack config.",
      set,
    );
  }
  if (method === undefined) {
    throw new OktaConfigError(
      "No Okta credentials: set `pulumi config set --secret okta:apiToken <token>` or OKTA_API_TOKEN, " +
        "or okta:accessToken / OKTA_ACCESS_TOKEN, " +
        "or okta:clientId + okta:privateKey (OKTA_API_CLIENT_ID + OKTA_API_PRIVATE_KEY) for a service app.",
      ["okta:apiToken", "okta:accessToken", "okta:clientId", "okta:privateKey"],
    );
  }
  if (method === "apiToken" || method === "accessToken") return { kind: method, token: token(get(method)!) };
  const clientId = get("clientId") ?? missingForPrivateKey(from, "clientId");
  const privateKey = get("privateKey") ?? missingForPrivateKey(from, "privateKey");
  const keyId = get("privateKeyId");
  const scopes = get("scopes");
  return {
    kind: "privateKey",
    clientId: clientId.value,
    privateKeyPem: readPrivateKey(privateKey),
    ...(keyId === undefined ? {} : { keyId: keyId.value }),
    scopes: scopes === undefined ? [...DEFAULT_SCOPES] : parse(Scopes, scopes),
  };
}

// A token pasted with its scheme (`SSWS 00ab…`, from a curl line) would be sent as `SSWS SSWS 00ab…` and
// refused as "invalid token"; say so now, without the value.
function token(f: Field): string {
  const scheme = SCHEME_OF[f.key];
  if (scheme !== undefined && new RegExp(`^${scheme}\\s`, "i").test(f.value)) {
    throw new OktaConfigError(
      `${label(f)} starts with "${scheme} ": set the token alone; the provider adds "${scheme} " to the ` +
        "Authorization header itself.",
      [`okta:${f.key}`],
    );
  }
  return f.value;
}

function missingForPrivateKey(from: Layer, key: "clientId" | "privateKey"): never {
  const partner = key === "clientId" ? "privateKey" : "clientId";
  const message =
    from === "config"
      ? `Private-key auth needs okta:${key}: set it with \`pulumi config set ${key === "privateKey" ? "--secret " : ""}` +
        `okta:${key} …\`. Stack config sets okta:${partner}, and credentials are never completed from the ` +
        `environment, so ${env(key)} is not used.`
      : `Private-key auth needs ${env(key)}: the environment sets ${env(partner)} but not ${env(key)}.`;
  throw new OktaConfigError(message, [`okta:${key}`]);
}

const Scopes = z
  .string()
  .transform((text, ctx) => {
    if (!text.startsWith("[")) return text.split(/[\s,]+/).filter((s) => s !== "");
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "starts with `[` but is not a JSON array of strings" });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.string().regex(/^[^\s,]+$/, "must list scope names without spaces"),
        "must be a JSON array of strings",
      )
      .min(1, "must list at least one scope"),
  );

// PEM text, or a path to a PEM file (relative to the working directory, `~/` allowed), as PKCS#8 PEM so the
// JWT signer needs one import path. Errors never include the value: it may be the key itself.
function readPrivateKey(f: Field): string {
  const fail = (problem: string): never => {
    throw new OktaConfigError(`${label(f)} ${problem}`, ["okta:privateKey"]);
  };
  let pem = f.value;
  if (pem.includes("-----BEGIN")) {
    // Env vars and CI secrets often carry the PEM on one line with literal "\n" separators.
    if (!pem.includes("\n")) pem = pem.replaceAll("\\n", "\n");
  } else {
    const path = pem.startsWith("~/") ? `${homedir()}${pem.slice(1)}` : pem;
    try {
      pem = readFileSync(path, "utf8");
    } catch {
      fail("is neither PEM text (-----BEGIN … PRIVATE KEY-----) nor a readable file path.");
    }
  }
  if (pem.includes("ENCRYPTED PRIVATE KEY") || pem.includes("Proc-Type: 4,ENCRYPTED")) {
    fail("is an encrypted key; provide it unencrypted.");
  }
  // The client's own check, so a key it cannot sign with fails here, naming the setting.
  const loaded = loadSigningKey(pem, "is not a valid PKCS#1, SEC1 or PKCS#8 PEM private key");
  if ("problem" in loaded) return fail(`${loaded.problem}.`);
  return loaded.key.export({ type: "pkcs8", format: "pem" }).toString();
}
