import { timingSafeEqual } from "node:crypto";
import type { EmulatorCore } from "./context";
import { DpopError, verifyDpopProof } from "./dpop";
import { EmulatorHttpError, forbidden, invalidToken, oktaErrorBody } from "./errors";
import { SCOPE_MANAGE, SCOPE_READ } from "./limits";

/**
 * Authorization of API calls (docs/okta-api.md#authentication): `SSWS <apiToken>` (all scopes), `Bearer <token>` issued by our
 * token endpoint, or `DPoP <token>` with a proof bound to the token (`ath`) and to its key (`jkt`). Anything
 * else is 401 E0000011. A token without the needed scope is 403 E0000006. Nothing here ever echoes a token.
 */
export async function authorize(
  core: EmulatorCore,
  request: { authorization: string | undefined; dpop: string | undefined; method: string; urls: string[] },
  scope: "read" | "manage",
): Promise<void> {
  const header = request.authorization ?? "";
  const space = header.indexOf(" ");
  const scheme = space > 0 ? header.slice(0, space) : "";
  const credential = space > 0 ? header.slice(space + 1).trim() : "";
  if (scheme === "SSWS") {
    if (credential !== "" && sameSecret(credential, core.options.apiToken)) return;
    throw invalidToken();
  }
  if (scheme !== "Bearer" && scheme !== "DPoP") throw invalidToken();
  const issued = core.oauth.lookup(credential);
  if (!issued) throw invalidToken();
  if (issued.jkt !== undefined) {
    // A DPoP-bound token must come with the DPoP scheme and a fresh proof from the same key.
    if (scheme !== "DPoP") throw invalidToken();
    try {
      const jkt = await verifyDpopProof(request.dpop, {
        htm: request.method,
        htu: request.urls,
        accessToken: credential,
        jkt: issued.jkt,
      });
      if (jkt !== issued.jkt) throw new DpopError("The DPoP proof key does not match the token.");
    } catch (error) {
      if (!(error instanceof DpopError)) throw error;
      throw new EmulatorHttpError(401, oktaErrorBody("E0000011", "Invalid token provided", [error.message]), {
        "WWW-Authenticate": `DPoP error="invalid_dpop_proof"`,
      });
    }
  } else if (scheme !== "Bearer") {
    throw invalidToken();
  }
  const needed = scope === "read" ? [SCOPE_READ, SCOPE_MANAGE] : [SCOPE_MANAGE];
  if (!issued.scopes.some((s) => needed.includes(s))) throw forbidden();
}

/** Constant-time comparison, so response timing says nothing about the token. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
