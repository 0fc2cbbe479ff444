import type { AuthProvider } from "./auth/types";
import type { OktaApiError } from "./errors";
import type { CallOptions, ClientEvent, ClientSetting, KnobOptions, OktaAuth } from "./options";
import { assertUnchangedByUrl, fillPath, type PathParams } from "./path";
import { acquire, bucketKey, type RateLimitGate } from "./rate-limit";
import { errorFromResponse, errorWithoutResponse, requestIdOf, type ResponseContext } from "./response";
import { decideRetry } from "./retry";
import { TransportError, type Transport, type TransportResponse } from "./transport";

/** Every endpoint's request: gate → auth headers → transport → accept, or retry (`retry.ts`) and wait. */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface SendRequest {
  /** Client operation name (e.g. `sessions.create`): events, hints. */
  operation: string;
  method: HttpMethod;
  /** A template with `{name}` placeholders (`path.ts`) and maybe a query, or a next-page link on the org. */
  path: string;
  params?: PathParams;
  json?: unknown;
  /** Raw body, rebuilt for every attempt (a client assertion must not be replayed). */
  body?: () => Promise<string>;
  contentType?: string;
  /** Whether the request may be sent again after an ambiguous failure (see `retry.ts`). */
  idempotent: boolean;
  /** `null` sends no credentials. */
  auth?: AuthProvider | null;
  /** Statuses returned to the caller instead of thrown. @default 2xx */
  accept?: (status: number) => boolean;
  /** Profile values in the body, which Okta's texts may echo: scrubbed from this request's error only. */
  personalValues?: readonly string[];
}

export interface SendResponse extends TransportResponse {
  /** Path without query, as reported in errors and events. */
  path: string;
  requestId: string | undefined;
  attempts: number;
}

export type Send = (request: SendRequest, call?: CallOptions) => Promise<SendResponse>;

export interface SendConfig extends Required<KnobOptions> {
  orgUrl: string;
  transport: Transport;
  gate: RateLimitGate;
  auth?: AuthProvider;
  authKind?: OktaAuth["kind"];
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  onEvent?: (event: ClientEvent) => void;
  nameSetting?: (setting: ClientSetting) => string;
}

const is2xx = (status: number): boolean => status >= 200 && status < 300;

class Aborted extends Error {}

export function createSend(config: SendConfig): Send {
  const emit = (event: ClientEvent): void => {
    try {
      config.onEvent?.(event);
    } catch {
      // A failing debug hook must not fail the call.
    }
  };

  const sleepOrAbort = async (ms: number, signal: AbortSignal | undefined): Promise<void> => {
    if (signal?.aborted) throw new Aborted();
    await config.sleep(ms, signal).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    });
    if (signal?.aborted) throw new Aborted();
  };

  return async (req, call = {}) => {
    const filled = req.params === undefined ? req.path : fillPath(req.operation, req.path, req.params);
    const url = new URL(filled, config.orgUrl);
    if (url.origin !== new URL(config.orgUrl).origin) {
      // Our credentials only ever go to the org.
      throw new Error(`refusing to send ${req.method} to another origin than the org URL`);
    }
    assertUnchangedByUrl(req.operation, req.method, filled, url);
    const path = url.pathname;
    const where = { method: req.method, path };
    const key = bucketKey(path);
    const auth = req.auth === undefined ? config.auth : (req.auth ?? undefined);
    const accept = req.accept ?? is2xx;
    const deadline = Math.min(config.now() + config.operationTimeoutMs, call.deadline ?? Infinity);
    const json = req.json === undefined ? undefined : JSON.stringify(req.json);
    const secrets = (): string[] => [...(config.auth?.secrets() ?? []), ...(auth?.secrets() ?? [])];

    let attempt = 0;
    let refreshes = 0;
    let lastRequestId: string | undefined;
    const context = (retryNote?: string): ResponseContext => ({
      method: req.method,
      path,
      operation: req.operation,
      attempts: attempt,
      secrets: secrets(),
      ...(req.personalValues !== undefined && { personal: req.personalValues }),
      ...(retryNote !== undefined && { retryNote }),
      origin: url.origin,
      // Only for the client's own credentials: a request with its own auth (the token endpoint) is not
      // about the configured token.
      ...(req.auth === undefined && config.authKind !== undefined && { authKind: config.authKind }),
      ...(config.nameSetting && { nameSetting: config.nameSetting }),
    });
    const fail = (kind: "aborted" | "deadline"): OktaApiError => errorWithoutResponse(context(), { kind });

    for (;;) {
      attempt++;
      try {
        if (call.signal?.aborted) throw new Aborted();
        if (config.now() >= deadline) throw fail("deadline");
        const pass = await acquire(config.gate, key, {
          now: config.now,
          sleep: sleepOrAbort,
          capacityPercent: config.maxApiCapacityPercent,
          maxWaitMs: config.maxRateLimitWaitMs,
          deadline,
          ...(call.signal && { signal: call.signal }),
          onWait: (delayMs) => emit({ type: "rate-limit-wait", path, delayMs }),
        });
        let response: TransportResponse | undefined;
        let failure: TransportError | undefined;
        let timeoutMs = config.perAttemptTimeoutMs;
        try {
          const remaining = deadline - config.now();
          if (remaining <= 0) throw fail("deadline");

          const headers: Record<string, string> = {};
          if (attempt > 1) {
            if (lastRequestId) headers["X-Okta-Retry-For"] = lastRequestId;
            headers["X-Okta-Retry-Count"] = String(attempt - 1);
          }
          if (auth) {
            const authContext = { deadline, ...(call.signal && { signal: call.signal }) };
            Object.assign(headers, await auth.headers(req.method, url.href, authContext));
          }
          const body = req.body ? await req.body() : json;
          timeoutMs = Math.min(config.perAttemptTimeoutMs, remaining);

          emit({ type: "request", ...where, attempt });
          try {
            response = await config.transport({
              method: req.method,
              url: url.href,
              headers,
              timeoutMs,
              ...(body !== undefined && { body }),
              ...(req.contentType !== undefined && { contentType: req.contentType }),
              ...(call.signal && { signal: call.signal }),
            });
          } catch (error) {
            if (!(error instanceof TransportError)) throw error;
            if (error.kind === "aborted") throw new Aborted();
            failure = error;
          }
        } finally {
          // Before any retry wait: callers waiting for this answer on the bucket may go now.
          if (response) config.gate.update(key, response.headers, config.now());
          config.gate.done(key, pass);
        }

        const requestId = response && requestIdOf(response.headers);
        if (response) {
          const status = response.status;
          emit({
            type: "response",
            ...where,
            status,
            attempt,
            ...(requestId !== undefined && { requestId }),
          });
          if (accept(status)) return { ...response, path, requestId, attempts: attempt };
          // One fresh credential per call: a second 401 is a real authentication failure.
          if (status === 401 && auth && refreshes === 0 && auth.refresh(response.headers)) {
            refreshes++;
            lastRequestId = requestId;
            continue;
          }
        }

        const decision = decideRetry({
          ...(response && { status: response.status, headers: response.headers }),
          ...(failure && { errorKind: failure.kind }),
          attempt: attempt - refreshes,
          maxRetries: config.maxRetries,
          idempotent: req.idempotent,
          now: config.now(),
          deadline,
          requestSent: failure ? failure.requestSent : true,
          maxRateLimitWaitMs: config.maxRateLimitWaitMs,
          random: config.random,
          ...(config.nameSetting && { nameSetting: config.nameSetting }),
        });
        if (!decision.retry) {
          const note =
            response && !/^(429|5\d\d)$/.test(String(response.status)) ? undefined : decision.reason;
          if (response) throw errorFromResponse(response, context(note));
          const f = failure!;
          const cutByDeadline = f.kind === "timeout" && timeoutMs < config.perAttemptTimeoutMs;
          const kind = cutByDeadline ? "deadline" : f.kind === "fatal" ? "network" : f.kind;
          const summary = f.code ? `${f.code}: ${f.message}` : f.message;
          // The cause is kept for debugging, so it must be as clean as the error that carries it.
          throw errorWithoutResponse(context(note), {
            kind,
            errorSummary: summary,
            cause: f.redacted(secrets()),
            ...(f.code !== undefined && { networkCode: f.code }),
          });
        }
        emit({ type: "retry", ...where, attempt, delayMs: decision.delayMs, reason: decision.reason });
        lastRequestId = requestId;
        await sleepOrAbort(decision.delayMs, call.signal);
      } catch (error) {
        // Any failure once the caller aborted (also a shared token request it stopped awaiting) is an abort.
        if (error instanceof Aborted || call.signal?.aborted) throw fail("aborted");
        throw error;
      }
    }
  };
}
