import { isAmbiguousFailure, isOktaApiError } from "../client/errors";

/** Ends every "already exists" refusal. */
export const NO_PULUMI_IMPORT =
  "(`pulumi import` and the `import` resource option do not work for dynamic resources such as this one; " +
  "see pulumi/pulumi#16175.)";

/** One record's create (user, group) as `createOrAdopt` runs it. */
export interface CreateSteps<R> {
  adoptExisting: boolean | undefined;
  post(): Promise<R | undefined>; // undefined: the answer does not show the record
  find(): Promise<R | undefined>;
  apply(found: R): Promise<R>;
  /** How lines name a found record: "adopted the existing {existing}", "but {subject} exists". */
  names(found: R): { existing: string; subject: string };
  /** The refusal when the record exists and `adoptExisting` is not set. */
  alreadyExists(found: R): Error;
  log(message: string): void;
}

/**
 * One POST; a look only when it is refused (an existing record: the emulator answers 400 E0000001, Okta documents
 * nothing, see docs/polling-and-rate-limits.md) or unclear; then adopt or report, never relying on Okta's texts.
 * Undefined: accepted, but the answer does not show the record (the caller reads it back).
 */
export async function createOrAdopt<R>(steps: CreateSteps<R>): Promise<R | undefined> {
  try {
    return await steps.post();
  } catch (error) {
    const refused = isOktaApiError(error) && (error.status === 400 || error.status === 409);
    // No clear answer: the POST may have gone through (it is never re-sent). A record that is there now is
    // taken as ours, with the declared profile applied; failing would make the next `up` refuse our own record.
    const found = refused || isAmbiguousFailure(error) ? await steps.find() : undefined;
    if (found === undefined) throw error;
    if (refused && !steps.adoptExisting) throw steps.alreadyExists(found);
    const record = await steps.apply(found);
    const { existing, subject } = steps.names(found);
    steps.log(
      refused
        ? `adopted the existing ${existing} and applied the declared profile`
        : `the create got no clear answer (${answerOf(error)}) but ${subject} exists; applied the profile`,
    );
    return record;
  }
}

/** How an ambiguous failure ended, for a short line: "502", or "no answer" for a timeout or a lost connection. */
function answerOf(error: unknown): string {
  return isOktaApiError(error) && error.status > 0 ? String(error.status) : "no answer";
}
