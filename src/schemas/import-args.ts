import { z } from "zod";
import { addOnce, type CheckFailure, formatPath, toCheckFailures } from "./check-failures";
import { MEMBERSHIP_PACKINGS, UPLOAD_MODES } from "./import-data";
import { reservedKeyFailures, withReservedKeyFailures } from "./reserved-keys";
import { argumentIssues, IMPORT_BLOCKS, IMPORT_DEFAULTS, type ImportBlock } from "./import-args-rules";
import { UPLOAD_KIND_OF_BLOCK, UPLOAD_KIND_SPECS } from "./upload-kinds";
import {
  GroupExternalId,
  GroupProfileInput,
  IdentitySourceId,
  MemberExternalId,
  UserExternalId,
  UserProfileInput,
} from "./profiles";

export { IMPORT_BLOCKS, IMPORT_DEFAULTS, type ImportBlock } from "./import-args-rules";
export type { ImportData } from "./import-data";

// Block names and shapes follow `@pulumi/okta` (docs/migrating-from-pulumi-okta.md); fields are documented on
// the public `IdentitySourceImportArgs`, which `tsc` holds equal to `ImportArgs`'s input.

/** Okta accepts only `USERS` (docs/okta-api.md#bulk-bodies). Defaulted: `@pulumi/okta` leaves it optional and sends `""`. */
const EntityType = z
  .literal("USERS", { error: 'must be "USERS" (the only entity type Okta accepts)' })
  .default("USERS");

export const UpsertUserRecord = z.strictObject({ externalId: UserExternalId, profile: UserProfileInput });
/** The same group may appear in several entries (the planner merges them); a (group, member) pair may not repeat. */
export const MembershipRecord = z.strictObject({
  groupExternalId: GroupExternalId,
  memberExternalIds: z.array(MemberExternalId).min(1, "must list at least one member"),
});

/** The schema of one record of each block. */
const BLOCK_RECORDS = {
  upsertUsers: UpsertUserRecord,
  deleteUsers: z.strictObject({ externalId: UserExternalId }),
  upsertGroups: z.strictObject({ externalId: GroupExternalId, groupProfile: GroupProfileInput }),
  deleteGroups: GroupExternalId,
  upsertGroupMemberships: MembershipRecord,
  deleteGroupMemberships: MembershipRecord,
};

/** Each block's schema from its records' schemas, so that `BLOCK_ENVELOPES` has the same shape with any record. */
function blockSchemas<R extends Record<ImportBlock, z.ZodType>>(records: R) {
  const list = <B extends ImportBlock>(block: B, what: string) =>
    z.array(records[block]).min(1, `must list at least one ${what}; leave ${block} out instead`);
  return {
    upsertUsers: z.strictObject({ entityType: EntityType, profiles: list("upsertUsers", "user") }),
    deleteUsers: z.strictObject({ entityType: EntityType, profiles: list("deleteUsers", "user") }),
    upsertGroups: z.strictObject({ profiles: list("upsertGroups", "group") }),
    deleteGroups: z.strictObject({ externalIds: list("deleteGroups", "group id") }),
    upsertGroupMemberships: z.strictObject({ memberships: list("upsertGroupMemberships", "membership") }),
    deleteGroupMemberships: z.strictObject({ memberships: list("deleteGroupMemberships", "membership") }),
  };
}

/**
 * Each block with its records left as they are: applies the block's defaults (`entityType`) without walking
 * every record, all `diff` needs. Records have no defaults or transforms (test/schemas/import-args.test.ts).
 */
export const BLOCK_ENVELOPES: Record<ImportBlock, z.ZodType> = blockSchemas(
  Object.fromEntries(IMPORT_BLOCKS.map((block) => [block, z.unknown()])) as Record<ImportBlock, z.ZodUnknown>,
);

const wholeSeconds = (min: number, max: number) =>
  z
    .number()
    .int("must be a whole number of seconds")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const DAY = 86_400;

/** Each argument's own rules; `ImportArgs` adds the rules across them. */
const ArgsShape = z.strictObject({
  identitySourceId: IdentitySourceId,
  ...z.object(blockSchemas(BLOCK_RECORDS)).partial().shape,
  membershipPacking: z
    .enum(MEMBERSHIP_PACKINGS, { error: 'must be "members" or "groups"' })
    .default("members"),
  waitForCompletion: z.boolean().default(IMPORT_DEFAULTS.waitForCompletion),
  completionTimeoutSeconds: wholeSeconds(1, DAY).default(IMPORT_DEFAULTS.completionTimeoutSeconds),
  activeSessionWaitSeconds: wholeSeconds(0, DAY).default(IMPORT_DEFAULTS.activeSessionWaitSeconds),
  // The identity-sources endpoints share a small rate-limit bucket (15 per window observed): keep it well above 4.
  pollIntervalSeconds: z
    .number()
    .min(1, "must be at least 1")
    .max(300, "must be at most 300")
    .default(IMPORT_DEFAULTS.pollIntervalSeconds),
  staleSessionSeconds: wholeSeconds(60, DAY).default(IMPORT_DEFAULTS.staleSessionSeconds),
  maxDeletes: z.number().int("must be a whole number").min(0, "must be at least 0").optional(),
  uploadMode: z
    .enum(UPLOAD_MODES, { error: 'must be "changes" or "all"' })
    .default(IMPORT_DEFAULTS.uploadMode),
  prune: z.boolean().default(IMPORT_DEFAULTS.prune),
  triggers: z.record(z.string(), z.string({ error: "trigger values must be strings" })).optional(),
});

/** The arguments, cross-record and knob rules included (`checkImportArgs` runs those rules on its own). */
export const ImportArgs = ArgsShape.superRefine((args, ctx) => {
  for (const issue of argumentIssues(args))
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

/** `ImportArgs` with records unchecked; with `recordsValid` it accepts exactly what `ImportArgs` accepts. */
const ImportArgsEnvelope = ArgsShape.extend(z.object(BLOCK_ENVELOPES).partial().shape).refine(
  (args) => argumentIssues(args).length === 0,
);

export type ImportArgs = z.output<typeof ImportArgs>;
export type ImportArgsInput = z.input<typeof ImportArgs>;

export interface ImportCheck {
  /** Set only when every value is known and valid: the plan can then be computed from it. */
  inputs?: ImportArgs;
  /** Empty when the arguments are valid, or when the only problems are values not known yet (preview). */
  failures: CheckFailure[];
}

/**
 * The arguments with defaults applied when all but the records' schemas hold, else undefined. The records are
 * the objects written: `ImportArgs`'s output would copy 100,000s, outliving the young generation (job held twice).
 */
export function parseImportEnvelope(news: unknown): ImportArgs | undefined {
  const input = withoutProviderKey(news);
  if (reservedKeyFailures(input).length > 0) return undefined;
  return ImportArgsEnvelope.safeParse(input).data as ImportArgs | undefined;
}

/** Whether every record of `parseImportEnvelope`'s arguments passes its schema; each parsed copy is dropped at once. */
export function recordsValid(args: ImportArgs): boolean {
  for (const block of IMPORT_BLOCKS) {
    const value = args[block] as Record<string, readonly unknown[]> | undefined;
    if (value === undefined) continue;
    // The block's one list is its upload kind's.
    const { list } = UPLOAD_KIND_SPECS[UPLOAD_KIND_OF_BLOCK[block]];
    for (const item of value[list]!) if (!BLOCK_RECORDS[block].safeParse(item).success) return false;
  }
  return true;
}

/** `check` for the import job; never throws. No failures and no `inputs`: unknowns, planned at apply time. */
export function checkImportArgs(news: unknown): ImportCheck {
  const valid = parseImportEnvelope(news);
  if (valid && recordsValid(valid)) return { inputs: valid, failures: [] };
  const input = withoutProviderKey(news);
  const shapeIssues = ArgsShape.safeParse(input).error?.issues ?? [];
  const failures = withReservedKeyFailures(input, toCheckFailures(shapeIssues, input));
  // Cross-record and knob rules from a walk of the raw input: zod skips a refinement once a field failed.
  for (const issue of argumentIssues(input)) addOnce(failures, formatPath(issue.path), issue.message);
  return { failures };
}

function withoutProviderKey(news: unknown): unknown {
  if (news === null || typeof news !== "object" || Array.isArray(news) || !("__provider" in news))
    return news;
  const { __provider: _provider, ...rest } = news as Record<string, unknown>;
  return rest;
}
