import type { z } from "zod";
import { isNotFoundError, isOktaApiError, type OktaApiError } from "../errors";
import type { CallOptions } from "../options";
import { parseBody } from "../response";
import { issuesFromZod } from "../zod-issues";
import type { Send, SendRequest } from "../send";

/** Shared by the endpoint files: path building, send-and-parse, and the "gone" conventions. */

/** `/api/v1/identity-sources/{id}` with the id URL-encoded. */
export function sourcePath(identitySourceId: string): string {
  return `/api/v1/identity-sources/${encodeURIComponent(identitySourceId)}`;
}

export const enc = encodeURIComponent;

/**
 * Checks a request body against its strict schema before anything is sent, and returns it as given (never
 * the parsed copy: bodies are sent exactly as the caller built them). A mismatch rejects with a TypeError
 * that names the operation and the paths, never values: bodies hold profile data.
 */
export function checkBody<T>(operation: string, schema: z.ZodType<T>, body: unknown): T {
  const checked = schema.safeParse(body);
  if (checked.success) return body as T;
  const where = issuesFromZod(checked.error.issues)
    .map((issue, i) => `${issue.path || "(root)"}: ${checked.error.issues[i]!.message}`)
    .join("; ");
  throw new TypeError(`${operation}: the body does not match the API's schema (${where})`);
}

export async function sendAndParse<S extends z.ZodType>(
  send: Send,
  request: SendRequest,
  schema: S,
  opts: CallOptions | undefined,
): Promise<z.output<S>> {
  const res = await send(request, opts);
  return parseBody(res, schema, { method: request.method, path: res.path, operation: request.operation });
}

/** Resolves `undefined` instead of rejecting when `isGone` says the thing does not exist. */
export async function orUndefined<T>(
  promise: Promise<T>,
  isGone: (e: unknown) => boolean = isNotFoundError,
): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** A delete: `true` when it deleted something, `false` when it was already gone. */
export async function deleted(
  promise: Promise<unknown>,
  isGone: (e: unknown) => boolean = isNotFoundError,
): Promise<boolean> {
  return (
    (await orUndefined(
      promise.then(() => true),
      isGone,
    )) ?? false
  );
}

/**
 * Older orgs answer an unknown session id with `400 E0000001` and a cause like "The Identity Source
 * Session ID is invalid" (API note §3.3) instead of 404. That code is also used for real validation
 * failures on the same paths, notably DELETE of a TRIGGERED session: summary "Api validation failed:
 * importSessionId", cause "Only a session that is in CREATED or IN_PROGRESS status can be canceled." So we
 * branch on status + errorCode first and then, because Okta gives no other signal, on the texts: they
 * must name the session id AND say invalid/unknown/not found, and must not talk about a status.
 */
export function isInvalidSessionIdError(e: unknown): e is OktaApiError {
  if (!isOktaApiError(e) || e.status !== 400 || e.errorCode !== "E0000001") return false;
  const texts = [e.errorSummary ?? "", ...e.errorCauses];
  const aboutId = texts.some(
    (t) => /session\s*id/i.test(t) && /\b(invalid|unknown|not found|does not exist)\b/i.test(t),
  );
  const aboutStatus = texts.some((t) => /\bstatus\b/i.test(t));
  return aboutId && !aboutStatus;
}

export const isSessionGone = (e: unknown): boolean => isNotFoundError(e) || isInvalidSessionIdError(e);

/**
 * The string values of user profiles in a request body, for `SendRequest.personalValues`. External ids
 * are left out on purpose: they are identifiers (in paths, state and resource ids), which an error must
 * be able to name.
 */
export function profileValues(...profiles: readonly Readonly<Record<string, unknown>>[]): string[] {
  const values = new Set<string>();
  for (const profile of profiles) {
    for (const value of Object.values(profile)) if (typeof value === "string") values.add(value);
  }
  return [...values];
}
