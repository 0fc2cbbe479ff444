import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { authorize } from "./auth";
import type { EmulatorCore, HandlerContext } from "./context";
import {
  EmulatorHttpError,
  faultBody,
  malformedBody,
  methodNotAllowed,
  oktaErrorBody,
  rateLimited,
} from "./errors";
import type { FaultSpec } from "./faults";
import { readBody, send, type Reply } from "./http-io";
import { newRequestId } from "./ids";
import { MAX_REQUEST_BYTES } from "./limits";
import type { RequestLogEntry } from "./options";
import { bucketOf } from "./rate-limit";
import { matchRoute } from "./routes";

/**
 * The request pipeline, in the order Okta's edge would apply it: injected faults (tests) → token endpoint or
 * route → authorization → rate-limit bucket → handler. Every answer carries `Date` (emulator clock),
 * `X-Okta-Request-Id` and `X-Rate-Limit-*` headers, and is written to the request log (never with credentials).
 */
export function createEmulatorServer(core: EmulatorCore): Server {
  return createServer((req, res) => {
    void handle(core, req, res);
  });
}

const HIDDEN_HEADERS = new Set(["authorization", "dpop", "cookie"]);

async function handle(core: EmulatorCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const at = core.clock.now();
  // Wall time, not the emulator clock: what `--log` reports is how long the answer took.
  const started = performance.now();
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const log = (status: number): void => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HIDDEN_HEADERS.has(name) && value !== undefined)
        headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: url.search.slice(1),
      status,
      headers,
      requestId,
      at,
    };
    core.requests.push(entry);
    core.options.onRequest?.(entry, performance.now() - started);
  };

  try {
    await serve(core, req, res, { requestId, at, method, url, log });
  } catch (error) {
    // A bug in the emulator: answer like Okta's 500 (standard headers, logged) rather than hang the client.
    const reply: Reply = { status: 500, body: oktaErrorBody("E0000009", "Internal Server Error") };
    if (!res.headersSent) answer(core, res, reply, requestId, safePeek(core, url.pathname), log);
    console.error(
      `okta-identity-source-emulator: internal error: ${(error as Error)?.message ?? String(error)}`,
    );
  }
}

interface Exchange {
  requestId: string;
  /** Emulator-clock time the request arrived. */
  at: number;
  method: string;
  url: URL;
  log: (status: number) => void;
}

async function serve(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  { requestId, at, method, url, log }: Exchange,
): Promise<void> {
  const pathAndQuery = `${url.pathname}${url.search}`;
  let body: Buffer;
  try {
    body = await readBody(req, MAX_REQUEST_BYTES);
  } catch (error) {
    const rate = core.rateLimiter.peek(bucketOf(url.pathname));
    return answer(core, res, errorReply(error), requestId, rate, log);
  }
  core.imports.runDue();

  const fault = core.faults.take(method, pathAndQuery);
  // Every answer below goes through here, so a fault `afterApply` replaces whatever the request got.
  const respond = (reply: Reply, rate: Record<string, string>): void => {
    const success = reply.status >= 200 && reply.status < 300;
    if (!fault?.afterApply || (fault.afterApply === "success" && !success))
      return answer(core, res, reply, requestId, rate, log);
    if (fault.dropConnection) {
      log(0);
      req.socket.destroy();
      return;
    }
    answer(core, res, faultReply(fault, fault.status ?? reply.status, reply), requestId, rate, log);
  };
  if (fault && !fault.afterApply) {
    if (fault.delayMs) await core.options.sleep(fault.delayMs);
    if (fault.dropConnection) {
      log(0);
      req.socket.destroy();
      return;
    }
    if (fault.status !== undefined || fault.delayMs === undefined) {
      const rate = core.rateLimiter.peek(bucketOf(url.pathname));
      return answer(core, res, faultReply(fault, fault.status ?? 500), requestId, rate, log);
    }
  }

  const host = req.headers.host;
  const origin = host ? `http://${host}` : core.url;
  const urls = [...new Set([`${origin}${url.pathname}`, `${core.url}${url.pathname}`])];

  if (url.pathname === "/oauth2/v1/token") {
    const rate = core.rateLimiter.take(bucketOf(url.pathname));
    if (method !== "POST") return respond(errorReply(methodNotAllowed()), rate.headers);
    if (!rate.allowed) return respond(errorReply(rateLimited(rate.headers)), rate.headers);
    try {
      const dpop = header(req, "dpop");
      const reply = await core.oauth.token({
        contentType: header(req, "content-type"),
        dpop,
        body,
        tokenUrls: urls,
      });
      return respond(reply, rate.headers);
    } catch (error) {
      return respond(errorReply(error), rate.headers);
    }
  }

  const match = matchRoute(method, url.pathname);
  if (match.kind !== "found") {
    const error =
      match.kind === "wrong-method"
        ? methodNotAllowed()
        : new EmulatorHttpError(
            404,
            oktaErrorBody("E0000007", `Not found: Resource not found: ${url.pathname} (path)`),
          );
    return respond(errorReply(error), core.rateLimiter.peek("other"));
  }

  const bucket = bucketOf(url.pathname);
  try {
    await authorize(
      core,
      { authorization: header(req, "authorization"), dpop: header(req, "dpop"), method, urls },
      match.route.scope,
    );
  } catch (error) {
    return respond(errorReply(error), core.rateLimiter.peek(bucket));
  }
  const rate = core.rateLimiter.take(bucket);
  if (!rate.allowed) return respond(errorReply(rateLimited(rate.headers)), rate.headers);

  const ctx: HandlerContext = {
    core,
    method,
    params: match.params,
    query: url.searchParams,
    pathname: url.pathname,
    body,
    now: at,
    origin,
  };
  let reply: Reply;
  try {
    reply = match.route.handler(ctx);
  } catch (error) {
    reply = errorReply(error);
  }
  core.imports.schedule();
  core.persist();
  respond(reply, rate.headers);
}

/** An injected fault's answer; `applied` is the real answer a fault `afterApply` garbles. */
function faultReply(fault: FaultSpec, status: number, applied?: Reply): Reply {
  const reply: Reply = applied ? { ...applied, status } : { status, body: faultBody(status) };
  if (typeof fault.body === "string") {
    delete reply.body;
    reply.rawBody = { text: fault.body, contentType: fault.contentType ?? "application/json" };
  } else if (fault.body !== undefined) reply.body = fault.body;
  reply.headers = { ...applied?.headers, ...fault.headers };
  if (fault.withoutHeaders) reply.omitHeaders = fault.withoutHeaders;
  return reply;
}

/** Rate-limit headers for a 500, unless the limiter itself is what failed. */
function safePeek(core: EmulatorCore, pathname: string): Record<string, string> {
  try {
    return core.rateLimiter.peek(bucketOf(pathname));
  } catch {
    return {};
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function errorReply(error: unknown): Reply {
  if (error instanceof EmulatorHttpError)
    return { status: error.status, body: error.body, headers: error.headers };
  if (error instanceof SyntaxError) return errorReply(malformedBody());
  throw error;
}

function baseHeaders(
  core: EmulatorCore,
  requestId: string,
  rate: Record<string, string>,
): Record<string, string> {
  return { Date: new Date(core.clock.now()).toUTCString(), "X-Okta-Request-Id": requestId, ...rate };
}

function answer(
  core: EmulatorCore,
  res: ServerResponse,
  reply: Reply,
  requestId: string,
  rate: Record<string, string>,
  log: (status: number) => void,
): void {
  log(reply.status);
  send(res, reply, baseHeaders(core, requestId, rate));
}
