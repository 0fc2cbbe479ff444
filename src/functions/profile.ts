/** Okta's profile as lookups return it: string attributes only; nulls (unset attributes) dropped. */
export function profileOf(profile: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(profile)) if (value !== null) out[key] = value;
  return out;
}
