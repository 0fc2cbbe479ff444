/**
 * Every error a provider method throws names its resource, as every printed line does (`log.ts`): the host
 * prints read, delete and check failures to stderr without a URN, and a deployment of many records is only
 * debuggable when each failure says which one failed. The error object itself is kept (its `id`,
 * `properties` and `reasons` are how the host records a partially created resource).
 */
import type { ResourceKindProvider } from "./kind";
import { resourceNameOf } from "./log";

function nameError(error: unknown, bag: Record<string, unknown> | undefined): never {
  if (!(error instanceof Error)) throw error;
  const prefix = `${resourceNameOf(bag)}: `;
  const original = error.message;
  if (original.startsWith(prefix)) throw error;
  error.message = prefix + original;
  // The stack's first line was captured with the old message, and the host prints the stack.
  if (typeof error.stack === "string") error.stack = error.stack.replace(original, error.message);
  const carrier = error as Error & { reasons?: unknown };
  if (Array.isArray(carrier.reasons)) {
    carrier.reasons = carrier.reasons.map((r: unknown) => (r === original ? error.message : r));
  }
  throw error;
}

/** `kind` with each method's errors prefixed by the resource name found in its inputs or state. */
export function withNamedErrors(kind: ResourceKindProvider): ResourceKindProvider {
  return {
    check: (olds, news) => kind.check(olds, news).catch((e: unknown) => nameError(e, news)),
    diff: (id, olds, news) => kind.diff(id, olds, news).catch((e: unknown) => nameError(e, news)),
    create: (inputs) => kind.create(inputs).catch((e: unknown) => nameError(e, inputs)),
    read: (id, props) => kind.read(id, props).catch((e: unknown) => nameError(e, props)),
    update: (id, olds, news) => kind.update(id, olds, news).catch((e: unknown) => nameError(e, news)),
    delete: (id, props) => kind.delete(id, props).catch((e: unknown) => nameError(e, props)),
  };
}
