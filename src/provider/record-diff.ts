/** How a record resource (user, group, membership) compares stored outputs with new inputs. No I/O. */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../schemas/unknown";
import { jsonEqual } from "./values";

/**
 * Profile as compared and stored: attributes that are null, absent or empty mean "not set" in Okta (it
 * returns explicit nulls for unset attributes, and TF maps "" to null too), so all three are dropped on
 * both sides of every comparison. Keys are sorted so the stored text is stable.
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

/** `undefined` and `false` are the same setting for an optional boolean that defaults to false. */
export const flag = (value: unknown): boolean => value === true;
/** For an optional boolean that defaults to true. */
export const flagDefaultTrue = (value: unknown): boolean => value !== false;

export interface DiffRule {
  /** Keys whose change replaces the record (compared as given). */
  replaceKeys: readonly string[];
  /** Keys whose change is an in-place update, each with the normalisation applied to both sides. */
  updateKeys: Readonly<Record<string, (value: unknown) => unknown>>;
}

/**
 * `diff`: `olds` are the stored outputs, `news` the checked inputs. A value not known yet (preview) counts
 * as changed. Every replacement deletes first: the new record would otherwise collide with the old one
 * whenever both keys name the same Okta record (an external id whose case changed, a group named by Okta id
 * instead of external id) or share a unique attribute (a user's login).
 */
export function diffWith(
  rule: DiffRule,
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
