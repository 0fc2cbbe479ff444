/** What the record resources (user, group, membership) share: comparing and shaping their outputs. No I/O. */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../schemas/unknown";
import { jsonEqual, pick, stripUndefined } from "./values";

/**
 * Profile as compared and stored: null, absent and "" all mean "not set" in Okta (it returns explicit nulls; TF
 * maps "" to null), so all three are dropped on both sides. Sorted keys keep the stored text stable.
 */
export function normalizeProfile(profile: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (profile === null || typeof profile !== "object") return out;
  for (const key of Object.keys(profile).sort()) {
    const value = (profile as Record<string, unknown>)[key];
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

/** The keys that name a user or group record in Okta. */
export interface RecordKeys {
  identitySourceId: string;
  externalId: string;
}

/** A record's outputs: its keys, the profile Okta holds (normalised), what Okta assigns, the package options. */
export function recordOutputs(
  { identitySourceId, externalId }: RecordKeys,
  profile: unknown,
  assigned: Record<string, unknown>,
  options: Record<string, unknown> | undefined,
  optionKeys: readonly string[],
): Record<string, unknown> {
  return stripUndefined({
    identitySourceId,
    externalId,
    profile: normalizeProfile(profile),
    ...assigned,
    ...pick(options, optionKeys),
  });
}

/** An optional boolean whose default (`undefined`) is true. */
export const flagDefaultTrue = (value: unknown): boolean => value !== false;

/**
 * A value not known yet (preview) counts as changed. Every replacement deletes first, or the new record collides
 * with the old when both name one Okta record (external id case changed, a group by Okta id instead of external
 * id) or share a unique attribute (a user's login). Each of `updateKeys` compares after normalising both sides.
 */
export function diffWith(
  rule: { replaceKeys: readonly string[]; updateKeys: Readonly<Record<string, (value: unknown) => unknown>> },
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
  const replaces = rule.replaceKeys.filter(
    (key) => containsUnknown(news[key]) || !jsonEqual(olds[key], news[key]),
  );
  const updates = Object.entries(rule.updateKeys).filter(
    ([key, normalize]) =>
      containsUnknown(news[key]) || !jsonEqual(normalize(olds[key]), normalize(news[key])),
  );
  if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: true };
  return { changes: updates.length > 0 };
}
