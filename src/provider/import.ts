import type { ResourceKindProvider } from "./kind";

const notYet = (): never => {
  throw new Error("not implemented yet");
};

/** Placeholder until the implementation lands. */
export const identitySourceImportKind: ResourceKindProvider = {
  check: notYet,
  diff: notYet,
  create: notYet,
  read: notYet,
  update: notYet,
  delete: notYet,
};
