/**
 * `IdentitySourceGroup`: one group record of an identity source (docs/okta-api.md#direct-endpoints). The resource
 * id is Okta's group id (`00g…`), as in the Terraform provider. Okta updates groups with POST, not PUT/PATCH.
 */
import { isOktaApiError } from "../client/errors";
import { IdentitySourceGroupInputs } from "../schemas/resource-args";
import type { GroupProfileInput } from "../schemas/profiles";
import type { Group } from "../schemas/wire";
import { confirmGone, type ProviderContext } from "./context";
import { createOrAdopt, NO_PULUMI_IMPORT } from "./create-or-adopt";
import { checkWith, parseInputs } from "./inputs";
import type { ResourceKindProvider } from "./kind";
import { resourceNameOf } from "./log";
import { diffWith, normalizeProfile, recordOutputs, type RecordKeys } from "./record-diff";
import { pick, stringAt } from "./values";

const OPTION_KEYS = ["adoptExisting", "resourceName"] as const;
const INPUT_KEYS = ["identitySourceId", "externalId", "profile", ...OPTION_KEYS];

const outputsOf = (keys: RecordKeys, group: Group, options: Record<string, unknown> | undefined) =>
  recordOutputs(keys, group.profile, { oktaGroupId: group.id }, options, OPTION_KEYS);

/**
 * The declared profile is the truth: a description removed from the program is sent as null so Okta clears
 * it, whether or not its POST treats missing attributes as "keep".
 */
function bodyOf(profile: GroupProfileInput): GroupProfileInput {
  return { displayName: profile.displayName, description: profile.description ?? null };
}

function identitySourceOf(id: string, props: Record<string, unknown> | undefined): string {
  const identitySourceId = stringAt(props, "identitySourceId");
  if (identitySourceId === undefined) {
    throw new Error(`identity source group ${JSON.stringify(id)}: state has no identitySourceId`);
  }
  return identitySourceId;
}

export function createGroupKind(context: ProviderContext): ResourceKindProvider {
  return {
    check: (_olds, news) => checkWith(IdentitySourceGroupInputs, news),

    diff: async (_id, olds, news) =>
      diffWith(
        { replaceKeys: ["identitySourceId", "externalId"], updateKeys: { profile: normalizeProfile } },
        olds,
        news,
      ),

    create: async (raw) => {
      const inputs = parseInputs(IdentitySourceGroupInputs, raw, "IdentitySourceGroup");
      const name = resourceNameOf(raw);
      const { identitySourceId, externalId } = inputs;
      const client = context.client();
      const body = { externalId, profile: bodyOf(inputs.profile) };
      // Okta answers the POST with the new group (recorded traffic); GET accepts the external id.
      const answer = await createOrAdopt<Group>({
        adoptExisting: inputs.adoptExisting,
        post: () => client.groups.create(identitySourceId, body),
        find: () => client.groups.get(identitySourceId, externalId),
        apply: (found) => client.groups.update(identitySourceId, found.id, body),
        names: (found) => ({ existing: `group ${found.id}`, subject: `group ${found.id}` }),
        alreadyExists: (found) =>
          new Error(
            `${name}: a group with externalId ${JSON.stringify(externalId)} already exists in identity source ${identitySourceId} ` +
              `(Okta id ${found.id}). To manage it with this resource, set \`adoptExisting: true\`: the resource then ` +
              `takes the group over and applies the declared profile. ${NO_PULUMI_IMPORT}`,
          ),
        log: (message) => context.log(name, message),
      });
      // Accepted, but the answer is not clearly the group: it exists now, so it is found by its external id.
      const group = answer ?? (await client.groups.get(identitySourceId, externalId));
      if (group === undefined) {
        throw new Error(
          `${name}: Okta accepted the new group but neither its answer nor a lookup by externalId ` +
            `${JSON.stringify(externalId)} shows it; the next \`pulumi up\` looks again (with \`adoptExisting: true\` ` +
            "it takes over the group this run created)",
        );
      }
      return { id: group.id, outs: outputsOf(inputs, group, inputs) };
    },

    read: async (id, props) => {
      const identitySourceId = identitySourceOf(id, props);
      const group = await context.client().groups.get(identitySourceId, id);
      if (group === undefined) return confirmGone(context, identitySourceId);
      // Addressed by its Okta id: a changed external id shows up as a replacement on the next `up`.
      const outs = outputsOf({ identitySourceId, externalId: group.externalId }, group, props);
      return { id: group.id, props: outs, inputs: pick(outs, INPUT_KEYS) };
    },

    update: async (id, olds, news) => {
      const inputs = parseInputs(IdentitySourceGroupInputs, news, "IdentitySourceGroup");
      const identitySourceId = identitySourceOf(id, olds);
      try {
        const group = await context.client().groups.update(identitySourceId, id, {
          externalId: inputs.externalId,
          profile: bodyOf(inputs.profile),
        });
        return { outs: outputsOf({ identitySourceId, externalId: inputs.externalId }, group, inputs) };
      } catch (error) {
        if (!(isOktaApiError(error) && error.status === 404)) throw error;
        // The id is Okta's, so a group recreated here would get another id, which an update cannot report.
        throw new Error(
          `${resourceNameOf(news)}: group ${id} no longer exists in Okta; run \`pulumi refresh\` and then ` +
            "`pulumi up` to create it again",
          { cause: error },
        );
      }
    },

    delete: async (id, props) => {
      const identitySourceId = identitySourceOf(id, props);
      if (!(await context.client().groups.delete(identitySourceId, id)))
        await confirmGone(context, identitySourceId, { props, what: "group" });
    },
  };
}
