/**
 * `IdentitySourceUser`: one user record of an identity source (docs/okta-api.md#direct-endpoints). Resource id:
 * `${identitySourceId}/${externalId}`, unique in the org and the Terraform provider's import id. Outputs echo
 * the inputs (read and delete only see outputs); `profile` is what Okta holds, so a refresh shows drift.
 */
import { isOktaApiError } from "../client/errors";
import { IdentitySourceUserInputs } from "../schemas/resource-args";
import type { User } from "../schemas/wire";
import { confirmGone, type ProviderContext } from "./context";
import { createOrAdopt, NO_PULUMI_IMPORT } from "./create-or-adopt";
import { idCarryingError } from "./id-carrying-error";
import { parseInputs, checkWith } from "./inputs";
import type { ResourceKindProvider } from "./kind";
import { resourceNameOf } from "./log";
import { diffWith, flagDefaultTrue, normalizeProfile, recordOutputs, type RecordKeys } from "./record-diff";
import { jsonEqual, pick, stringAt, stripUndefined } from "./values";

/** Inputs that only steer this package (not sent to Okta). */
const OPTION_KEYS = ["adoptExisting", "secretProfile", "resourceName"] as const;
/** What `read` reports as inputs: the outputs a program declares. */
const INPUT_KEYS = ["identitySourceId", "externalId", "profile", ...OPTION_KEYS];

const resourceIdOf = (keys: RecordKeys) => `${keys.identitySourceId}/${keys.externalId}`;

/** Keys from the stored outputs; the id is the fallback (identity source ids contain no `/`). */
function keysOf(id: string, props: Record<string, unknown> | undefined): RecordKeys {
  const slash = id.indexOf("/");
  const identitySourceId =
    stringAt(props, "identitySourceId") ?? (slash > 0 ? id.slice(0, slash) : undefined);
  const externalId = stringAt(props, "externalId") ?? (slash > 0 ? id.slice(slash + 1) : undefined);
  if (identitySourceId === undefined || externalId === undefined) {
    throw new Error(
      `identity source user ${JSON.stringify(id)}: state has no identitySourceId/externalId and the id is not ` +
        "`<identitySourceId>/<externalId>`",
    );
  }
  return { identitySourceId, externalId };
}

const outputsOf = (keys: RecordKeys, user: User, options: Record<string, unknown> | undefined) =>
  recordOutputs(
    keys,
    user.profile,
    { oktaUserId: user.id, created: user.created, lastUpdated: user.lastUpdated },
    options,
    OPTION_KEYS,
  );

/** The POST's answer carries the new user (recorded traffic; none documented: an answer without it is read back). */
async function createFresh(
  context: ProviderContext,
  inputs: IdentitySourceUserInputs,
  raw: Record<string, unknown>,
): Promise<User> {
  const { identitySourceId, externalId, profile } = inputs;
  const name = resourceNameOf(raw);
  const client = context.client();
  const answer = await createOrAdopt<User>({
    adoptExisting: inputs.adoptExisting,
    post: async () => {
      const user = await client.users.create(identitySourceId, { externalId, profile });
      return user?.id !== undefined ? user : undefined;
    },
    find: () => client.users.get(identitySourceId, externalId),
    apply: () => client.users.replace(identitySourceId, externalId, { profile }),
    names: () => ({ existing: "user", subject: "the user" }),
    alreadyExists: () =>
      new Error(
        `${name}: a user with externalId ${JSON.stringify(externalId)} already exists in identity source ${identitySourceId}. ` +
          "To manage it with this resource, set `adoptExisting: true`: the resource then takes the user over and " +
          `replaces its profile with the declared one. ${NO_PULUMI_IMPORT}`,
      ),
    log: (message) => context.log(name, message),
  });
  if (answer !== undefined) return answer;
  // From here the user exists in Okta: a failure must record it, or the next `up` would be refused.
  const partial = (why: string) =>
    idCarryingError(
      `${name}: Okta accepted the new user but ${why}; the next \`pulumi up\` will retry`,
      resourceIdOf(inputs),
      recordOutputs(inputs, profile, {}, inputs, OPTION_KEYS),
      raw,
    );
  const user = await client.users.get(identitySourceId, externalId).catch((error: unknown) => {
    throw partial(`reading it back failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (user === undefined) throw partial("reading it back found nothing");
  return user;
}

export function createUserKind(context: ProviderContext): ResourceKindProvider {
  return {
    check: (_olds, news) => checkWith(IdentitySourceUserInputs, news),

    diff: async (_id, olds, news) =>
      diffWith(
        {
          replaceKeys: ["identitySourceId", "externalId"],
          // `secretProfile` changes the secretness of stored outputs, which only an update rewrites.
          updateKeys: { profile: normalizeProfile, secretProfile: flagDefaultTrue },
        },
        olds,
        news,
      ),

    create: async (raw) => {
      const inputs = parseInputs(IdentitySourceUserInputs, raw, "IdentitySourceUser");
      const user = await createFresh(context, inputs, raw);
      return { id: resourceIdOf(inputs), outs: outputsOf(inputs, user, inputs) };
    },

    read: async (id, props) => {
      const keys = keysOf(id, props);
      const user = await context.client().users.get(keys.identitySourceId, keys.externalId);
      if (user === undefined) return confirmGone(context, keys.identitySourceId);
      const outs = outputsOf(keys, user, props);
      return { id: resourceIdOf(keys), props: outs, inputs: pick(outs, INPUT_KEYS) };
    },

    update: async (id, olds, news) => {
      const inputs = parseInputs(IdentitySourceUserInputs, news, "IdentitySourceUser");
      const keys = keysOf(id, olds);
      // The engine also calls update, with an unchanged profile, for a record whose create failed part-way
      // (its init errors); such state has no oktaUserId, so it must go to Okta to be completed.
      const completeInState = stringAt(olds, "oktaUserId") !== undefined;
      if (completeInState && jsonEqual(normalizeProfile(olds["profile"]), normalizeProfile(inputs.profile))) {
        // Only a package option changed (e.g. secretProfile): nothing to send, outputs are rewritten as they are.
        const kept = pick(olds, ["profile", "oktaUserId", "created", "lastUpdated"]);
        return { outs: stripUndefined({ ...keys, ...kept, ...pick(inputs, OPTION_KEYS) }) };
      }
      try {
        // PUT replaces the profile: attributes removed from the declaration are cleared (docs/okta-api.md#direct-endpoints).
        const user = await context
          .client()
          .users.replace(keys.identitySourceId, keys.externalId, { profile: inputs.profile });
        return { outs: outputsOf(keys, user, inputs) };
      } catch (error) {
        if (!(isOktaApiError(error) && error.status === 404)) throw error;
      }
      // Deleted outside Pulumi since the last refresh: the id does not depend on Okta, so recreate in place.
      context.log(resourceNameOf(news), "the user was gone from Okta; creating it again");
      return { outs: outputsOf(keys, await createFresh(context, inputs, news), inputs) };
    },

    delete: async (id, props) => {
      const { identitySourceId, externalId } = keysOf(id, props);
      if (!(await context.client().users.delete(identitySourceId, externalId)))
        await confirmGone(context, identitySourceId, { props, what: "user" });
    },
  };
}
