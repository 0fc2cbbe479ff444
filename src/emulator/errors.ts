import { newErrorId } from "./ids";

/**
 * Okta's error body (docs/okta-api.md#errors) and the errors the emulator answers with. Handlers throw
 * `EmulatorHttpError`; the server turns it into a response. Summaries follow Okta's templates
 * (ERRCODES); no message ever contains a token or a request body value.
 */

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

export function oktaErrorBody(errorCode: string, errorSummary: string, causes: string[] = []): OktaErrorBody {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: newErrorId(),
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
}

export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`emulator answers ${status}`);
    this.name = "EmulatorHttpError";
  }
}

const okta = (status: number, code: string, summary: string, causes: string[] = []): EmulatorHttpError =>
  new EmulatorHttpError(status, oktaErrorBody(code, summary, causes));

/** 400 E0000001 `Api validation failed: {field}` with one cause per rule broken. */
export const validationFailed = (field: string, causes: string[]): EmulatorHttpError =>
  okta(400, "E0000001", `Api validation failed: ${field}`, causes);

/** 400 E0000003: empty or unparsable JSON body. */
export const malformedBody = (): EmulatorHttpError =>
  okta(400, "E0000003", "The request body was not well-formed.");

/** 404 E0000007 in Okta's usual wording: `Not found: Resource not found: {id} ({type})`. */
export const notFound = (id: string, type: string): EmulatorHttpError =>
  okta(404, "E0000007", `Not found: Resource not found: ${id} (${type})`);

export const invalidToken = (): EmulatorHttpError => okta(401, "E0000011", "Invalid token provided");

export const forbidden = (): EmulatorHttpError =>
  okta(403, "E0000006", "You do not have permission to perform the requested action");

export const methodNotAllowed = (): EmulatorHttpError =>
  okta(405, "E0000022", "The endpoint does not support the provided HTTP method");

export const rateLimited = (headers: Record<string, string>): EmulatorHttpError =>
  new EmulatorHttpError(
    429,
    oktaErrorBody("E0000047", "API call exceeded rate limit due to too many requests."),
    headers,
  );

/** OAuth 2.0 token endpoint errors use RFC 6749's shape, not Okta's. */
export const oauthError = (
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): EmulatorHttpError => new EmulatorHttpError(status, { error, error_description: description }, headers);

/** Default body for an injected fault of a given status (Okta's codes where one exists). */
export function faultBody(status: number): OktaErrorBody {
  switch (status) {
    case 400:
      return oktaErrorBody("E0000001", "Api validation failed: injected fault");
    case 401:
      return oktaErrorBody("E0000011", "Invalid token provided");
    case 403:
      return oktaErrorBody("E0000006", "You do not have permission to perform the requested action");
    case 404:
      return oktaErrorBody("E0000007", "Not found: Resource not found: injected fault");
    case 429:
      return oktaErrorBody("E0000047", "API call exceeded rate limit due to too many requests.");
    case 503:
      return oktaErrorBody("E0000010", "Service is in read only mode");
    default:
      return oktaErrorBody("E0000009", "Internal Server Error");
  }
}
