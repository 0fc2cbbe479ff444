import type { z } from "zod";
import { OktaErrorBody } from "../schemas/wire";
import { InvalidResponseError, OktaApiError, type OktaApiErrorDetails, type ResponseIssue } from "./errors";
import type { ClientSetting } from "./options";
import type { TransportResponse } from "./transport";
import { parseRateLimitHeaders, type Headers } from "./retry-timing";

/** What every error about one request carries, and how it is redacted and worded. */
export type ResponseContext = Pick<
  OktaApiErrorDetails,
  RequestFacts | "retryNote" | "authKind" | "origin"
> & {
  operation: string;
  secrets: readonly string[];
  /** Profile values of the request, scrubbed from Okta's error texts (see `SendRequest.personalValues`). */
  personal?: readonly string[];
  nameSetting?: (setting: ClientSetting) => string;
};

export function requestIdOf(headers: Headers): string | undefined {
  return headers["x-okta-request-id"];
}

export function tryJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * An unaccepted HTTP response → `OktaApiError`. Understands Okta's error body (docs/okta-api.md#errors) and the
 * OAuth error body of the token endpoint (`{error, error_description}`); anything else (an HTML page from
 * a proxy) is described, never copied.
 */
export function errorFromResponse(res: TransportResponse, ctx: ResponseContext): OktaApiError {
  const requestId = requestIdOf(res.headers);
  const rateLimit = parseRateLimitHeaders(res.headers);
  const base = {
    status: res.status,
    ...(requestId !== undefined && { requestId }),
    ...(Object.keys(rateLimit).length > 0 && { rateLimit }),
  };
  const error = (details: Omit<OktaApiErrorDetails, RequestFacts>): OktaApiError => errorOf(ctx, details);
  const json = res.body.trim() === "" ? undefined : tryJson(res.body);
  if (json === undefined) return error(base);
  if (!json.ok) {
    const type = (res.headers["content-type"] ?? "unknown type").split(";")[0];
    return error({ ...base, errorSummary: `non-JSON response body (${type})` });
  }
  const okta = OktaErrorBody.safeParse(json.value);
  if (okta.success && okta.data.errorCode !== undefined) {
    const { errorCode, errorSummary, errorId, errorCauses = [] } = okta.data;
    return error({
      ...base,
      errorCode,
      ...(errorSummary !== undefined && { errorSummary }),
      ...(errorId !== undefined && { errorId }),
      errorCauses: errorCauses.flatMap((c) => (c.errorSummary ? [c.errorSummary] : [])),
    });
  }
  const oauth = json.value as Record<string, unknown> | null;
  if (oauth && typeof oauth === "object" && typeof oauth["error"] === "string") {
    const description = oauth["error_description"];
    return error({
      ...base,
      errorCode: oauth["error"],
      ...(typeof description === "string" && { errorSummary: description }),
    });
  }
  return error(base);
}

/** No HTTP response (timeout, network, abort, deadline) → `OktaApiError` with status 0. */
export function errorWithoutResponse(
  ctx: ResponseContext,
  details: Omit<OktaApiErrorDetails, RequestFacts | "status">,
): OktaApiError {
  return errorOf(ctx, { status: 0, ...details });
}

type RequestFacts = "method" | "path" | "attempts";

function errorOf(ctx: ResponseContext, details: Omit<OktaApiErrorDetails, RequestFacts>): OktaApiError {
  const { secrets, personal, nameSetting, ...facts } = ctx;
  return new OktaApiError({ ...facts, ...details }, secrets, personal, nameSetting);
}

/** A 2xx body → a validated value, or `InvalidResponseError` (paths and codes, never values). */
export function parseBody<S extends z.ZodType>(
  res: TransportResponse,
  schema: S,
  ctx: { method: string; path: string; operation: string },
): z.output<S> {
  const { method, path, operation } = ctx;
  const fail = (issues: ResponseIssue[]) =>
    new InvalidResponseError({
      method,
      path,
      status: res.status,
      operation,
      issues,
      requestId: requestIdOf(res.headers),
    });
  const json = tryJson(res.body);
  if (!json.ok) throw fail([{ path: "", code: res.body.trim() === "" ? "empty_body" : "invalid_json" }]);
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw fail(issuesFromZod(parsed.error.issues));
  return parsed.data;
}

/** zod issues → `{path, code}` (no values, no messages: either could echo response content). */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[]): ResponseIssue[] {
  return issues.map((issue) => ({
    path: issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
      .join(""),
    code: issue.code,
  }));
}
