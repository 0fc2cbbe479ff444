import { createPublicKey, type KeyObject } from "node:crypto";
import {
  createLocalJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import type { Clock } from "./clock";
import { DpopError, verifyDpopProof } from "./dpop";
import { oauthError } from "./errors";
import { json, type Reply } from "./http-io";
import { newAccessToken, newNonce } from "./ids";
import { SCOPE_MANAGE, SCOPE_READ } from "./limits";
import type { OAuthClientConfig } from "./options";

/**
 * `POST /oauth2/v1/token` for service apps (docs/okta-api.md#private-key-jwt): `client_credentials` with a private-key JWT
 * client assertion (iss = sub = client id, aud = the token URL, exp ≤ 1 h ahead, signature by the app's
 * key, jti used once). Apps with `requireDpop` must send a DPoP proof carrying the server nonce (first
 * answer: 400 `use_dpop_nonce` + `DPoP-Nonce`) and get `token_type: "DPoP"` tokens bound to the proof key.
 * Other apps get Bearer tokens and any DPoP header is ignored: Okta's Node SDK sends one on every token
 * request, so Okta must ignore it for apps that do not require DPoP (INFERRED).
 * Assertion and proof times are checked against real time (the client signs with its own clock); token
 * lifetime (1 h) runs on the emulator clock.
 */

export interface IssuedToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** Thumbprint of the DPoP key the token is bound to. */
  jkt?: string;
}

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ASSERTION_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];
const TOKEN_LIFETIME_SECONDS = 3600;
const NONCE_ROTATION_MS = 24 * 60 * 60 * 1000;
const MAX_ASSERTION_LIFETIME_SECONDS = 3600 + 60;

interface TokenRequest {
  contentType: string | undefined;
  dpop: string | undefined;
  body: Buffer;
  /** Acceptable spellings of the token endpoint URL (for `aud` and DPoP `htu`). */
  tokenUrls: string[];
}

export class OAuthServer {
  private readonly clients = new Map<
    string,
    { config: OAuthClientConfig; key: KeyObject | JWTVerifyGetKey }
  >();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly usedJtis = new Map<string, number>();
  private nonce = { current: newNonce(), previous: undefined as string | undefined, rotatedAt: 0 };

  constructor(
    clients: readonly OAuthClientConfig[],
    private readonly clock: Clock,
  ) {
    for (const config of clients) {
      const key = config.jwks ? createLocalJWKSet(config.jwks) : undefined;
      const pem = config.publicKeyPem ? createPublicKey(config.publicKeyPem) : undefined;
      const resolved = key ?? pem;
      if (!resolved) throw new RangeError(`oauth client ${config.clientId} needs publicKeyPem or jwks`);
      this.clients.set(config.clientId, { config, key: resolved });
    }
    this.nonce.rotatedAt = clock.now();
  }

  /** The token, if it was issued here and has not expired (emulator clock). */
  lookup(token: string): IssuedToken | undefined {
    const issued = this.tokens.get(token);
    if (issued && issued.expiresAt <= this.clock.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued;
  }

  async token(request: TokenRequest): Promise<Reply> {
    if (!request.contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      throw oauthError(
        400,
        "invalid_request",
        "The token request must be application/x-www-form-urlencoded.",
      );
    }
    const form = new URLSearchParams(request.body.toString("utf8"));
    if (form.get("grant_type") !== "client_credentials") {
      throw oauthError(400, "unsupported_grant_type", "Only the client_credentials grant is supported here.");
    }
    const assertion = form.get("client_assertion");
    if (form.get("client_assertion_type") !== ASSERTION_TYPE || !assertion) {
      throw oauthError(400, "invalid_request", "A private_key_jwt client_assertion is required.");
    }
    const clientId = claimedClient(assertion, form.get("client_id"));
    const client = this.clients.get(clientId);
    if (!client) throw oauthError(401, "invalid_client", "The client_id is not a registered service app.");

    let jkt: string | undefined;
    if (client.config.requireDpop) jkt = await this.checkTokenDpop(request);

    await this.verifyAssertion(assertion, clientId, client.key, request.tokenUrls);
    const scopes = grantedScopes(form.get("scope"), client.config.scopes ?? [SCOPE_READ, SCOPE_MANAGE]);
    const accessToken = newAccessToken();
    const issued: IssuedToken = {
      clientId,
      scopes,
      expiresAt: this.clock.now() + TOKEN_LIFETIME_SECONDS * 1000,
    };
    if (jkt !== undefined) issued.jkt = jkt;
    this.tokens.set(accessToken, issued);
    const body = {
      token_type: jkt === undefined ? "Bearer" : "DPoP",
      expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
      scope: scopes.join(" "),
    };
    return json(200, body, { "Cache-Control": "no-store", Pragma: "no-cache" });
  }

  private currentNonces(): string[] {
    const now = this.clock.now();
    if (now - this.nonce.rotatedAt >= NONCE_ROTATION_MS) {
      this.nonce = { current: newNonce(), previous: this.nonce.current, rotatedAt: now };
    }
    return this.nonce.previous ? [this.nonce.current, this.nonce.previous] : [this.nonce.current];
  }

  private async checkTokenDpop(request: TokenRequest): Promise<string> {
    const nonces = this.currentNonces();
    try {
      return await verifyDpopProof(request.dpop, { htm: "POST", htu: request.tokenUrls, nonces });
    } catch (error) {
      if (!(error instanceof DpopError)) throw error;
      if (error.nonceProblem) {
        throw oauthError(400, "use_dpop_nonce", error.message, { "DPoP-Nonce": this.nonce.current });
      }
      throw oauthError(400, "invalid_dpop_proof", error.message);
    }
  }

  private async verifyAssertion(
    assertion: string,
    clientId: string,
    key: KeyObject | JWTVerifyGetKey,
    audience: string[],
  ): Promise<void> {
    let payload: JWTPayload;
    try {
      const options = {
        issuer: clientId,
        subject: clientId,
        audience,
        algorithms: ASSERTION_ALGORITHMS,
        requiredClaims: ["exp"],
      };
      ({ payload } =
        typeof key === "function"
          ? await jwtVerify(assertion, key, options)
          : await jwtVerify(assertion, key, options));
    } catch (error) {
      throw oauthError(401, "invalid_client", assertionProblem(error));
    }
    const nowSeconds = Date.now() / 1000;
    if ((payload.exp ?? 0) - nowSeconds > MAX_ASSERTION_LIFETIME_SECONDS) {
      throw oauthError(401, "invalid_client", "The client_assertion exp must be at most one hour ahead.");
    }
    if (payload.jti !== undefined) {
      for (const [jti, until] of this.usedJtis) if (until < nowSeconds) this.usedJtis.delete(jti);
      if (this.usedJtis.has(payload.jti)) {
        throw oauthError(401, "invalid_client", "The client_assertion jti has already been used.");
      }
      this.usedJtis.set(payload.jti, payload.exp ?? nowSeconds);
    }
  }
}

function claimedClient(assertion: string, formClientId: string | null): string {
  let iss: unknown;
  try {
    iss = decodeJwt(assertion).iss;
  } catch {
    throw oauthError(401, "invalid_client", "The client_assertion is not a JWT.");
  }
  if (typeof iss !== "string" || (formClientId !== null && formClientId !== iss)) {
    throw oauthError(401, "invalid_client", "The client_assertion iss must be the client_id.");
  }
  return iss;
}

function grantedScopes(requested: string | null, allowed: readonly string[]): string[] {
  const scopes = (requested ?? "").split(" ").filter((s) => s !== "");
  if (scopes.length === 0) throw oauthError(400, "invalid_scope", "The 'scope' parameter is required.");
  const refused = scopes.filter((s) => !allowed.includes(s));
  if (refused.length > 0) {
    throw oauthError(
      400,
      "invalid_scope",
      `The following scopes are not granted to the app: ${refused.join(" ")}`,
    );
  }
  return scopes;
}

function assertionProblem(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "The client_assertion token is expired.";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `The client_assertion ${error.claim} claim is invalid (aud must be the token endpoint URL).`;
  }
  return "The client_assertion signature could not be verified with the app's key.";
}
