import axios, { AxiosHeaders, isAxiosError, type AxiosResponse, type RawAxiosHeaders } from "axios";
import { redact } from "./redact";

/** One attempt; every status resolves; redirects are not followed (they must never carry our Authorization). */

/** What went wrong when there was no HTTP response. `fatal`: will not change on retry (bad host, TLS). */
export type NetworkErrorKind = "timeout" | "network" | "aborted" | "fatal";

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Serialized body; when absent no Content-Type is sent (create-session and start-import: no body). */
  body?: string;
  /** Content-Type of `body`. @default "application/json" */
  contentType?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Calls `onTimeout` after `ms` unless the returned function disarms it first. */
export type AttemptTimer = (onTimeout: () => void, ms: number) => () => void;

const realAttemptTimer: AttemptTimer = (onTimeout, ms) => {
  const timer = setTimeout(onTimeout, ms);
  return () => clearTimeout(timer);
};

/** No HTTP response. Holds a code and a redacted message, nothing from axios. */
export class TransportError extends Error {
  override readonly name = "TransportError";
  constructor(
    message: string,
    readonly kind: NetworkErrorKind,
    /** False only when the failure certainly happened before the request reached the server. */
    readonly requestSent: boolean,
    readonly code?: string,
  ) {
    super(message);
  }

  /** The transport redacts by pattern alone, which misses a token echoed without its scheme. */
  redacted(secrets: readonly string[]): TransportError {
    return new TransportError(redact(this.message, secrets), this.kind, this.requestSent, this.code);
  }
}

/** Failures while connecting: nothing reached the server, so any request may be retried. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN"]);
/** Failures a retry will not fix: wrong host name, TLS trust, oversized body. */
const FATAL_CODES = new Set([
  ...["ENOTFOUND", "ERR_INVALID_URL", "ERR_BAD_RESPONSE", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT"],
  ...["SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"],
]);

/** Largest response body we read (a full membership page is ~260 KB). */
const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/** Lower-case names; a repeated header's values joined with ", ". */
function flattenHeaders(raw: AxiosResponse["headers"]): Record<string, string> {
  const entries = Object.entries(AxiosHeaders.from(raw as RawAxiosHeaders).toJSON(true));
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
}

export function createTransport(options: { userAgent: string; attemptTimer?: AttemptTimer }): Transport {
  const armTimeout = options.attemptTimer ?? realAttemptTimer;
  const instance = axios.create({
    validateStatus: () => true,
    responseType: "text",
    // Keep the raw text: we parse and validate it ourselves, and report malformed JSON as such.
    transformResponse: [(data: unknown) => data],
    maxRedirects: 0,
    maxContentLength: MAX_RESPONSE_BYTES,
  });

  return async (request) => {
    const controller = new AbortController();
    let timedOut = false;
    const disarmTimeout = armTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    request.signal?.addEventListener("abort", onCallerAbort, { once: true });
    if (request.signal?.aborted) controller.abort();

    const headers: Record<string, string | false> = {
      ...request.headers,
      Accept: "application/json",
      "User-Agent": options.userAgent,
      // axios adds a form Content-Type to a bodyless POST unless told not to.
      "Content-Type": request.body === undefined ? false : (request.contentType ?? "application/json"),
    };
    try {
      const response = await instance.request<string>({
        method: request.method,
        url: request.url,
        headers,
        data: request.body,
        signal: controller.signal,
      });
      return {
        status: response.status,
        headers: flattenHeaders(response.headers),
        body: typeof response.data === "string" ? response.data : "",
      };
    } catch (error) {
      if (timedOut) {
        throw new TransportError(`no response within ${request.timeoutMs} ms`, "timeout", true, "ETIMEDOUT");
      }
      if (request.signal?.aborted)
        throw new TransportError("aborted by the caller", "aborted", false, "ABORTED");
      const code = isAxiosError(error) ? error.code : (error as { code?: unknown }).code;
      const message = redact(error instanceof Error ? error.message : "request failed");
      const codeText = typeof code === "string" ? code : "";
      if (FATAL_CODES.has(codeText) || codeText.startsWith("ERR_TLS")) {
        throw new TransportError(message, "fatal", false, codeText);
      }
      // Resets, hang-ups and anything unknown: the server may have received the request.
      throw new TransportError(message, "network", !NOT_SENT_CODES.has(codeText), codeText || undefined);
    } finally {
      disarmTimeout();
      request.signal?.removeEventListener("abort", onCallerAbort);
    }
  };
}
