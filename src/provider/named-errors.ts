/**
 * Errors name their resource: the host prints read, delete and check failures without a URN. The caught error
 * is never changed (the membership listing cache hands one rejection to every read of a group): each resource
 * gets a copy with the same class and fields (`id`, `properties`, `reasons`) and the original as `cause`.
 */
import type { ResourceKindProvider } from "./kind";
import { resourceNameOf } from "./log";

function nameError(error: unknown, bag: Record<string, unknown> | undefined): never {
  if (!(error instanceof Error)) throw error;
  const prefix = `${resourceNameOf(bag)}: `;
  const original = error.message;
  if (original.startsWith(prefix)) throw error;
  const message = prefix + original;
  const named = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error);
  Object.defineProperty(named, "message", { value: message, writable: true, configurable: true });
  Object.defineProperty(named, "cause", { value: error, writable: true, configurable: true });
  // The host prints the stack of read/delete/check failures; its first line carries the message.
  if (typeof error.stack === "string") named.stack = error.stack.replace(original, () => message);
  const carrier = named as Error & { reasons?: unknown };
  if (Array.isArray(carrier.reasons))
    carrier.reasons = carrier.reasons.map((r: unknown) => (r === original ? message : r));
  throw named;
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
