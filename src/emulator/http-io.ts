import type { IncomingMessage, ServerResponse } from "node:http";
import { validationFailed } from "./errors";

/** What a handler answers: a JSON body (or none) plus extra headers. */
export interface Reply {
  status: number;
  /** JSON-serialised when defined; `undefined` sends an empty body without `Content-Type`. */
  body?: unknown;
  /** Sent as it is instead of `body` (injected faults: truncated or HTML bodies). */
  rawBody?: { text: string; contentType: string };
  /** Standard headers to leave out (case-insensitive; injected faults: a 429 without `X-Rate-Limit-Reset`). */
  omitHeaders?: string[];
  headers?: Record<string, string | string[]>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string | string[]>): Reply =>
  headers ? { status, body, headers } : { status, body };
export const empty = (status: number): Reply => ({ status });

/**
 * Reads the whole body, refusing more than `maxBytes` (the rest is drained so the client still gets an
 * answer instead of a reset connection).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) tooLarge = true;
    if (!tooLarge) chunks.push(buffer);
  }
  if (tooLarge) {
    throw validationFailed("body", [
      `The request body is larger than the ${maxBytes} bytes this server reads.`,
    ]);
  }
  return Buffer.concat(chunks);
}

/**
 * Writes the reply. Empty bodies carry no `Content-Type`: Okta's SDK parses any typed body as JSON, and
 * `DELETE …/groups/{id}` answers 200 with an empty body (docs/okta-api.md#direct-endpoints).
 */
export function send(res: ServerResponse, reply: Reply, baseHeaders: Record<string, string>): void {
  const text = reply.rawBody?.text ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  const payload = text === undefined ? undefined : Buffer.from(text, "utf8");
  const headers: Record<string, string | string[]> = { ...baseHeaders, ...reply.headers };
  if (payload) headers["Content-Type"] = reply.rawBody?.contentType ?? "application/json";
  const omit = new Set(reply.omitHeaders?.map((name) => name.toLowerCase()));
  for (const name of Object.keys(headers)) if (omit.has(name.toLowerCase())) delete headers[name];
  // RFC 9110 §8.6: a 204 must not carry Content-Length; other empty answers say 0 (as Okta's 200s do).
  if (reply.status !== 204) headers["Content-Length"] = String(payload?.length ?? 0);
  res.writeHead(reply.status, headers);
  res.end(payload);
}
