import { randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { TokenResponse } from "../../schemas/wire";
import { errorFromResponse, parseBody } from "../response";
import type { Headers } from "../retry-timing";
import type { Send, SendResponse } from "../send";
import { createDpopKey, createDpopProof, type DpopKey } from "./dpop";
import { loadSigningKey, type SigningAlgorithm } from "./signing-key";
import type { AuthContext, AuthProvider } from "./types";

// OAuth 2.0 client credentials with a private-key JWT assertion (docs/okta-api.md#private-key-jwt). Once the
// token endpoint asks for DPoP (`use_dpop_nonce`/`invalid_dpop_proof`), every request carries a proof
// (docs/okta-api.md#dpop).

export interface PrivateKeyJwtConfig {
  orgUrl: string;
  clientId: string;
  privateKeyPem: string;
  keyId?: string;
  scopes: string[];
}

const TOKEN_PATH = "/oauth2/v1/token";
/** Lifetime of a client assertion (Okta allows at most one hour). */
const ASSERTION_LIFETIME_S = 300;
/** Renew this long before the token expires (or at half its life, when that is shorter). */
const REFRESH_MARGIN_MS = 60_000;
/** Token requests per token: first try, DPoP switch, nonce, one nonce rotation. */
const MAX_TOKEN_ROUNDS = 4;

interface Token {
  value: string;
  type: "Bearer" | "DPoP";
  refreshAtMs: number;
}

export class PrivateKeyJwtAuth implements AuthProvider {
  private readonly key: KeyObject;
  private readonly alg: SigningAlgorithm;
  private readonly tokenUrl: string;
  private token: Token | undefined;
  private inflight: Promise<Token> | undefined;
  private dpopKey: DpopKey | undefined;
  private tokenNonce: string | undefined;
  private resourceNonce: string | undefined;
  /** Tokens issued to this provider, for redaction (the last few are enough). */
  private readonly issued: string[] = [];

  constructor(
    private readonly config: PrivateKeyJwtConfig,
    private readonly deps: { send: Send; now: () => number },
  ) {
    // Checked at creation, so an unusable key fails before any request.
    const loaded = loadSigningKey(
      config.privateKeyPem,
      "is not a readable PEM private key (PKCS#1, SEC1 or PKCS#8)",
    );
    if ("problem" in loaded)
      throw new TypeError(`invalid Okta client options: auth.privateKeyPem ${loaded.problem}`);
    ({ key: this.key, alg: this.alg } = loaded);
    this.tokenUrl = new URL(TOKEN_PATH, config.orgUrl).href;
  }

  async headers(method: string, url: string, ctx: AuthContext): Promise<Record<string, string>> {
    const token = await this.currentToken(ctx);
    if (token.type === "Bearer") return { Authorization: `Bearer ${token.value}` };
    const proof = await this.proof(method, url, this.resourceNonce, token.value);
    return { Authorization: `DPoP ${token.value}`, DPoP: proof };
  }

  private proof(
    method: string,
    url: string,
    nonce: string | undefined,
    accessToken?: string,
  ): Promise<string> {
    return createDpopProof(this.dpopKey!, { method, url, nowMs: this.deps.now(), nonce, accessToken });
  }

  refresh(responseHeaders: Headers): boolean {
    const nonce = responseHeaders["dpop-nonce"];
    const newNonce = nonce !== undefined && nonce !== this.resourceNonce;
    // The next proof needs the nonce the resource server offers, whatever the 401 was about.
    if (nonce !== undefined) this.resourceNonce = nonce;
    // Only a `use_dpop_nonce` challenge says the token is fine. Any other 401 (expired, revoked) needs a new
    // token even with a new nonce: the old one would spend the call's one refresh on a certain second 401.
    const challenge = responseHeaders["www-authenticate"] ?? "";
    if (this.token?.type === "DPoP" && newNonce && /\berror="?use_dpop_nonce\b/i.test(challenge)) return true;
    this.token = undefined;
    return true;
  }

  secrets(): string[] {
    return [...this.issued, this.config.privateKeyPem];
  }

  private async currentToken(ctx: AuthContext): Promise<Token> {
    if (this.token && this.deps.now() < this.token.refreshAtMs) return this.token;
    // Concurrent callers share one token request.
    this.inflight ??= this.fetchToken(ctx).finally(() => {
      this.inflight = undefined;
    });
    return raceAbort(this.inflight, ctx.signal);
  }

  private async fetchToken(ctx: AuthContext): Promise<Token> {
    for (let round = 1; ; round++) {
      const res = await this.requestToken(ctx);
      const call = { method: "POST", path: res.path, operation: "oauth.token" };
      if (res.status >= 200 && res.status < 300) return this.accept(res, call);
      const failure = errorFromResponse(res, { ...call, attempts: res.attempts, secrets: this.secrets() });
      const error = failure.errorCode;
      const dpopAsked = res.status === 400 && (error === "use_dpop_nonce" || error === "invalid_dpop_proof");
      const nonce = res.headers["dpop-nonce"];
      // A DPoP round that cannot progress (no nonce, out of rounds) fails like any token error: an
      // OktaApiError with the status and OAuth code, redacted like the rest.
      if (!dpopAsked || round >= MAX_TOKEN_ROUNDS || (error === "use_dpop_nonce" && nonce === undefined)) {
        throw failure;
      }
      this.dpopKey ??= await createDpopKey();
      if (nonce !== undefined) this.tokenNonce = nonce;
    }
  }

  private requestToken(ctx: AuthContext): Promise<SendResponse> {
    const proofAuth: AuthProvider | null = this.dpopKey
      ? {
          headers: async (method, url) => ({ DPoP: await this.proof(method, url, this.tokenNonce) }),
          refresh: () => false,
          secrets: () => [],
        }
      : null;
    return this.deps.send(
      {
        operation: "oauth.token",
        method: "POST",
        path: TOKEN_PATH,
        contentType: "application/x-www-form-urlencoded",
        body: async () => this.formBody(),
        // Asking for another token is harmless.
        idempotent: true,
        auth: proofAuth,
        accept: (s) => (s >= 200 && s < 300) || s === 400,
      },
      { deadline: ctx.deadline },
    );
  }

  private async formBody(): Promise<string> {
    const nowS = Math.floor(this.deps.now() / 1000);
    const { keyId } = this.config;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: this.alg, ...(keyId !== undefined && { kid: keyId }) })
      .setIssuer(this.config.clientId)
      .setSubject(this.config.clientId)
      .setAudience(this.tokenUrl)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + ASSERTION_LIFETIME_S)
      .setJti(randomUUID())
      .sign(this.key);
    return new URLSearchParams({
      grant_type: "client_credentials",
      scope: this.config.scopes.join(" "),
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    }).toString();
  }

  private accept(res: SendResponse, call: { method: string; path: string; operation: string }): Token {
    const body = parseBody(res, TokenResponse, call);
    const type = body.token_type.toLowerCase() === "dpop" ? "DPoP" : "Bearer";
    if (type === "DPoP" && !this.dpopKey) {
      throw new Error("the token endpoint issued a DPoP-bound token without being sent a DPoP proof");
    }
    const lifetimeMs = body.expires_in * 1000;
    const refreshAtMs = this.deps.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.issued.push(body.access_token);
    if (this.issued.length > 4) this.issued.shift();
    this.token = { value: body.access_token, type, refreshAtMs };
    return this.token;
  }
}

/** Waits for a shared promise, but lets one caller stop waiting when its own signal aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}
