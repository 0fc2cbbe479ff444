import type { z } from "zod";
import { reservedKeyFailures } from "../../schemas/reserved-keys";
import { isNotFoundError, isOktaApiError, type OktaApiError } from "../errors";
import type { CallOptions } from "../options";
import { issuesFromZod, parseBody } from "../response";
import type { PathParams } from "../path";
import type { HttpMethod, Send, SendRequest } from "../send";

/** Path templates start here; `send` fills `{identitySourceId}` and the other placeholders (`path.ts`). */
export const SOURCE_PATH = "/api/v1/identity-sources/{identitySourceId}";

/**
 * Checks a body against its strict schema before sending, and returns it as given (never the parsed copy).
 * A mismatch throws a TypeError naming the operation and paths, never values: bodies hold profile data.
 */
export function checkBody<T>(operation: string, schema: z.ZodType<T>, body: unknown): T {
  const checked = schema.safeParse(body);
  // The schema's output has lost any `__proto__` key, so reserved keys are looked for in the body as given.
  const reserved = reservedKeyFailures(body).map((f) => `${f.property}: ${f.reason}`);
  if (checked.success && reserved.length === 0) return body as T;
  const issues = checked.success ? [] : checked.error.issues;
  const where = [
    ...reserved,
    ...issuesFromZod(issues).map((issue, i) => `${issue.path || "(root)"}: ${issues[i]!.message}`),
  ].join("; ");
  throw new TypeError(`${operation}: the body does not match the API's schema (${where})`);
}

/** One request: idempotent unless a POST (our rule for creates; `more` overrides it where a POST is safe). */
export const request = (
  operation: string,
  method: HttpMethod,
  path: string,
  params: PathParams,
  more?: Partial<SendRequest>,
): SendRequest => ({ operation, method, path, params, idempotent: method !== "POST", ...more });

/** `request(...args)` sent, and its 2xx body parsed by `schema`. */
export async function sendAndParse<S extends z.ZodType>(
  send: Send,
  schema: S,
  opts: CallOptions | undefined,
  ...args: Parameters<typeof request>
): Promise<z.output<S>> {
  const [operation, method] = args;
  const res = await send(request(...args), opts);
  return parseBody(res, schema, { method, path: res.path, operation });
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
export const deleted = async (promise: Promise<unknown>, isGone = isNotFoundError): Promise<boolean> =>
  (await orUndefined(
    promise.then(() => true),
    isGone,
  )) ?? false;

/**
 * Older orgs answer an unknown session id with `400 E0000001`, cause "The Identity Source Session ID is
 * invalid" (docs/okta-api.md#session-errors), not 404. That code also marks real validation failures on these
 * paths, e.g. DELETE of a TRIGGERED session: "Api validation failed: importSessionId", cause "Only a session
 * that is in CREATED or IN_PROGRESS status can be canceled." So after status + errorCode (Okta gives no other
 * signal) the texts must name the session id AND say invalid/unknown/not found, and not talk about a status.
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
 * The string values of user profiles in a body, for `SendRequest.personalValues`. Not external ids: they are
 * identifiers (in paths, state and resource ids), which an error must be able to name.
 */
export const profileValues = (...profiles: readonly Readonly<Record<string, unknown>>[]): string[] => [
  ...new Set(profiles.flatMap((p) => Object.values(p).filter((v): v is string => typeof v === "string"))),
];
