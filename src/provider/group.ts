/**
 * `IdentitySourceGroup` behind the provider subpath: one group record of an identity source (docs/okta-api.md#direct-endpoints,
 * #17–#20). The resource id is Okta's group id (`00g…`), as in the Terraform provider; every call after
 * create addresses the group by that id. Okta updates groups with POST, not PUT/PATCH.
 */
import { isAmbiguousFailure, isOktaApiError } from "../client/errors";
import { IdentitySourceGroupInputs } from "../schemas/group-args";
import type { GroupProfileInput } from "../schemas/profiles";
import type { Group } from "../schemas/wire";
import { confirmIdentitySource } from "./identity-source-check";
import type { ResourceKindProvider } from "./kind";
import { logInfo, resourceNameOf } from "./log";
import { getClient } from "./runtime";
import {
  answerOf,
  checkWith,
  diffWith,
  flag,
  normalizeProfile,
  parseInputs,
  pick,
  stringAt,
  stripUndefined,
} from "./values";

const OPTION_KEYS = ["adoptExisting", "resourceName"] as const;

function outputsOf(
  identitySourceId: string,
  externalId: string,
  group: Group,
  options: Record<string, unknown>,
): Record<string, unknown> {
  return stripUndefined({
    identitySourceId,
    externalId,
    profile: normalizeProfile(group.profile),
    oktaGroupId: group.id,
    ...pick(options, OPTION_KEYS),
  });
}

/**
 * The declared profile is the truth: a description removed from the program is sent as null so Okta clears
 * it, whether or not its POST treats missing attributes as "keep".
 */
function bodyOf(profile: GroupProfileInput): GroupProfileInput {
  return { displayName: profile.displayName, description: profile.description ?? null };
}

function alreadyExists(name: string, identitySourceId: string, externalId: string, oktaId: string): Error {
  return new Error(
    `${name}: a group with externalId ${JSON.stringify(externalId)} already exists in identity source ${identitySourceId} ` +
      `(Okta id ${oktaId}). To manage it with this resource, set \`adoptExisting: true\`: the resource then ` +
      "takes the group over and applies the declared profile. (`pulumi import` and the `import` resource " +
      "option do not work for dynamic resources such as this one; see pulumi/pulumi#16175.)",
  );
}

function identitySourceOf(id: string, props: Record<string, unknown> | undefined): string {
  const identitySourceId = stringAt(props, "identitySourceId");
  if (identitySourceId === undefined) {
    throw new Error(`identity source group ${JSON.stringify(id)}: state has no identitySourceId`);
  }
  return identitySourceId;
}

export const identitySourceGroupKind: ResourceKindProvider = {
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
    const client = getClient();
    const body = { externalId, profile: bodyOf(inputs.profile) };
    const created = (group: Group) => ({
      id: group.id,
      outs: outputsOf(identitySourceId, externalId, group, inputs),
    });
    // Takes an existing group over (`adoptExisting`): its profile becomes the declared one.
    const adopt = async (oktaId: string): Promise<Group> => {
      if (!flag(inputs.adoptExisting)) throw alreadyExists(name, identitySourceId, externalId, oktaId);
      const adopted = await client.groups.update(identitySourceId, oktaId, body);
      logInfo(name, `adopted the existing group ${oktaId} and applied the declared profile`);
      return adopted;
    };
    // One POST when nothing exists: Okta answers with the new group (recorded traffic). A group that already
    // exists is refused by the POST (the emulator answers 400 E0000001; Okta documents no answer for it),
    // found by its external id (GET accepts it), and adopted or reported; Okta's texts are never relied on.
    let answer: Group | undefined;
    try {
      answer = await client.groups.create(identitySourceId, body);
    } catch (error) {
      const existing =
        isOktaApiError(error) && (error.status === 400 || error.status === 409)
          ? await client.groups.get(identitySourceId, externalId)
          : undefined;
      if (existing !== undefined) return created(await adopt(existing.id));
      // No clear answer: the POST may have gone through (it is never re-sent). A group that is there now is
      // taken as ours, with the declared profile applied, instead of being refused by the next `up`.
      const found = isAmbiguousFailure(error)
        ? await client.groups.get(identitySourceId, externalId)
        : undefined;
      if (found === undefined) throw error;
      const group = await client.groups.update(identitySourceId, found.id, body);
      logInfo(
        name,
        `the create got no clear answer (${answerOf(error)}) but group ${found.id} exists; applied the profile`,
      );
      return created(group);
    }
    // Accepted, but the answer is not clearly the group: it exists now, so it is found by its external id.
    const group = answer ?? (await client.groups.get(identitySourceId, externalId));
    if (group === undefined) {
      throw new Error(
        `${name}: Okta accepted the new group but neither its answer nor a lookup by externalId ` +
          `${JSON.stringify(externalId)} shows it; the next \`pulumi up\` looks again (with \`adoptExisting: true\` ` +
          "it takes over the group this run created)",
      );
    }
    return created(group);
  },

  read: async (id, props) => {
    const identitySourceId = identitySourceOf(id, props);
    const client = getClient();
    const group = await client.groups.get(identitySourceId, id);
    if (group === undefined) {
      await confirmIdentitySource(client, identitySourceId);
      return {};
    }
    // Okta's external id is the truth here: a group is addressed by its Okta id, so a changed external id
    // shows up as a replacement on the next `up`.
    const externalId = group.externalId;
    const outs = outputsOf(identitySourceId, externalId, group, props ?? {});
    const inputs = stripUndefined({
      identitySourceId,
      externalId,
      profile: outs["profile"],
      ...pick(props, OPTION_KEYS),
    });
    return { id: group.id, props: outs, inputs };
  },

  update: async (id, olds, news) => {
    const inputs = parseInputs(IdentitySourceGroupInputs, news, "IdentitySourceGroup");
    const identitySourceId = identitySourceOf(id, olds);
    try {
      const group = await getClient().groups.update(identitySourceId, id, {
        externalId: inputs.externalId,
        profile: bodyOf(inputs.profile),
      });
      return { outs: outputsOf(identitySourceId, inputs.externalId, group, inputs) };
    } catch (error) {
      if (isOktaApiError(error) && error.status === 404) {
        // The id is Okta's, so a group recreated here would get another id, which an update cannot report.
        throw new Error(
          `${resourceNameOf(news)}: group ${id} no longer exists in Okta; run \`pulumi refresh\` and then ` +
            "`pulumi up` to create it again",
          { cause: error },
        );
      }
      throw error;
    }
  },

  delete: async (id, props) => {
    const identitySourceId = identitySourceOf(id, props);
    const client = getClient();
    if (!(await client.groups.delete(identitySourceId, id))) {
      await confirmIdentitySource(client, identitySourceId);
      logInfo(resourceNameOf(props), "the group was already gone from Okta");
    }
  },
};
