import { z } from "zod";

/** What Okta returns, parsed leniently (unknown fields kept): only the fields our code relies on are required. */
export const Session = z.looseObject({
  id: z.string().min(1),
  identitySourceId: z.string().optional(),
  // Kept as a plain string so a status Okta adds later does not break parsing; see `isKnownStatus`.
  status: z.string().min(1),
  importType: z.string().optional(),
  created: z.string().optional(),
  lastUpdated: z.string().optional(),
});
export type Session = z.infer<typeof Session>;

export const SessionList = z.array(Session);

/** Profile values are strings, or null for an attribute Okta has cleared (docs/okta-api.md#direct-bodies). */
const WireProfile = z.record(z.string(), z.string().nullable());

export const User = z.looseObject({
  id: z.string().optional(),
  externalId: z.string().min(1),
  created: z.string().optional(),
  lastUpdated: z.string().optional(),
  profile: WireProfile.default({}),
});
export type User = z.infer<typeof User>;

/** Groups come back with a flat `profile` (the SPEC's double nesting is wrong; docs/okta-api.md#direct-bodies). */
export const Group = z.looseObject({
  id: z.string().min(1),
  externalId: z.string().min(1),
  profile: WireProfile.default({}),
});
export type Group = z.infer<typeof Group>;

export const MembershipPage = z.looseObject({ memberExternalIds: z.array(z.string()).default([]) });

/** Okta's error body (docs/okta-api.md#errors). Every field optional: proxies and 5xx pages send other things. */
export const OktaErrorBody = z.looseObject({
  errorCode: z.string().optional(),
  errorSummary: z.string().optional(),
  errorLink: z.string().optional(),
  errorId: z.string().optional(),
  errorCauses: z.array(z.looseObject({ errorSummary: z.string().optional() })).optional(),
});

/** OAuth token endpoint success body. */
export const TokenResponse = z.looseObject({
  token_type: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});
