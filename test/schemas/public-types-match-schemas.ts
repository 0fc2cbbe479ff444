/**
 * The public interfaces are written by hand for users (hover docs, no zod in the package's declarations); the
 * zod schemas validate at run time. This file makes `tsc` (`npm run typecheck`) fail when the two drift: each
 * interface must be exactly its schema's type. Resource arguments are compared once resolved (`pulumi.Unwrap`
 * strips every `pulumi.Input`), without the two keys the resource classes and the host add themselves.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type * as publicApi from "../../src";
import type * as bulk from "../../src/schemas/upload-kinds";
import type { GroupProfileInput, UserProfileInput } from "../../src/schemas/profiles";
import type { ImportArgs } from "../../src/schemas/import-args";
import type {
  IdentitySourceGroupInputs,
  IdentitySourceGroupMembershipInputs,
  IdentitySourceUserInputs,
} from "../../src/schemas/resource-args";

/** True only when X and Y are the same type (optional vs `| undefined`, `null`, index signatures all count). */
type Equals<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** What the provider receives besides the user's arguments. */
type Added = "resourceName" | "__provider";
type ArgsOf<Schema extends z.ZodType> = Omit<z.input<Schema>, Added>;
type Resolved<Args> = pulumi.Unwrap<Args>;

export type PublicTypesMatchSchemas = [
  Assert<Equals<Resolved<publicApi.IdentitySourceUserArgs>, ArgsOf<typeof IdentitySourceUserInputs>>>,
  Assert<Equals<Resolved<publicApi.IdentitySourceUserProfileArgs>, z.input<typeof UserProfileInput>>>,
  Assert<Equals<Resolved<publicApi.IdentitySourceGroupArgs>, ArgsOf<typeof IdentitySourceGroupInputs>>>,
  Assert<Equals<Resolved<publicApi.IdentitySourceGroupProfileArgs>, z.input<typeof GroupProfileInput>>>,
  Assert<
    Equals<
      Resolved<publicApi.IdentitySourceGroupMembershipArgs>,
      ArgsOf<typeof IdentitySourceGroupMembershipInputs>
    >
  >,
  Assert<Equals<Resolved<publicApi.IdentitySourceImportArgs>, z.input<typeof ImportArgs>>>,
  Assert<Equals<publicApi.ImportUserProfile, z.input<typeof UserProfileInput>>>,
  Assert<Equals<publicApi.ImportGroupProfile, z.input<typeof GroupProfileInput>>>,
  Assert<Equals<publicApi.ImportData, Pick<z.input<typeof ImportArgs>, keyof publicApi.ImportData>>>,
  Assert<Equals<publicApi.BulkUpsertUsersBody, z.output<typeof bulk.BulkUpsertUsersBody>>>,
  Assert<Equals<publicApi.BulkDeleteUsersBody, z.output<typeof bulk.BulkDeleteUsersBody>>>,
  Assert<Equals<publicApi.BulkUpsertGroupsBody, z.output<typeof bulk.BulkUpsertGroupsBody>>>,
  Assert<Equals<publicApi.BulkDeleteGroupsBody, z.output<typeof bulk.BulkDeleteGroupsBody>>>,
  Assert<Equals<publicApi.BulkMembershipsBody, z.output<typeof bulk.BulkMembershipsBody>>>,
];

/** The check itself is strict: these near misses must be told apart (tsc fails on an unused expect-error). */
export type EqualsIsStrict = [
  // @ts-expect-error optional is not the same as required-or-undefined
  Assert<Equals<{ a?: string }, { a: string | undefined }>>,
  // @ts-expect-error a missing `null` is a difference
  Assert<Equals<{ a: string }, { a: string | null }>>,
  // @ts-expect-error an extra key is a difference
  Assert<Equals<{ a: string }, { a: string; b?: string }>>,
];
