/**
 * `IdentitySourceGroupMembership`: one user (by external id) in one group (by Okta id or external id) of an
 * identity source (docs/okta-api.md#direct-endpoints). Resource id: the keys joined by `/`, the Terraform import
 * id. `read` looks in every page of the member list; the Terraform provider reads page 1 only.
 */
import { isNotFoundError } from "../client/errors";
import { IdentitySourceGroupMembershipInputs } from "../schemas/resource-args";
import { confirmGone, type ProviderContext } from "./context";
import { checkWith, parseInputs } from "./inputs";
import type { ResourceKindProvider } from "./kind";
import { resourceNameOf } from "./log";
import { diffWith } from "./record-diff";
import { pick, stringAt, stripUndefined } from "./values";

const KEYS = ["identitySourceId", "groupOrExternalId", "memberExternalId"] as const;
type MembershipKeys = Record<(typeof KEYS)[number], string>;

const pathOf = (k: MembershipKeys) => [k.identitySourceId, k.groupOrExternalId, k.memberExternalId] as const;

function keysOf(id: string, props: Record<string, unknown> | undefined): MembershipKeys {
  const fromState = KEYS.map((key) => stringAt(props, key));
  // Without state (e.g. `.get()`), the id is the only source; it is unambiguous when the group has no `/`.
  const parts = fromState.every((v) => v !== undefined) ? fromState : id.split("/");
  if (parts.length === 3 && parts.every((p) => p !== "")) {
    const [identitySourceId, groupOrExternalId, memberExternalId] = parts as [string, string, string];
    return { identitySourceId, groupOrExternalId, memberExternalId };
  }
  throw new Error(
    `identity source group membership ${JSON.stringify(id)}: state has no identitySourceId/groupOrExternalId/` +
      "memberExternalId and the id is not `<identitySourceId>/<group>/<memberExternalId>`",
  );
}

const outputsOf = (keys: MembershipKeys, options: Record<string, unknown> | undefined) =>
  stripUndefined({ ...keys, ...pick(options, ["resourceName"]) });

export function createGroupMembershipKind(context: ProviderContext): ResourceKindProvider {
  return {
    check: (_olds, news) => checkWith(IdentitySourceGroupMembershipInputs, news),

    diff: async (_id, olds, news) => diffWith({ replaceKeys: KEYS, updateKeys: {} }, olds, news),

    create: async (raw) => {
      const inputs = parseInputs(IdentitySourceGroupMembershipInputs, raw, "IdentitySourceGroupMembership");
      const keys: MembershipKeys = pick(inputs, KEYS) as unknown as MembershipKeys;
      // Adding a member that is already in the group succeeds; the resource then owns that membership.
      try {
        await context.client().memberships.add(...pathOf(keys));
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
        throw new Error(
          `${resourceNameOf(raw)}: cannot add member ${JSON.stringify(keys.memberExternalId)} to group ` +
            `${JSON.stringify(keys.groupOrExternalId)}: the group or the user does not exist in identity source ` +
            `${keys.identitySourceId} (${(error as Error).message})`,
          { cause: error },
        );
      }
      context.memberships.invalidate(keys.identitySourceId, keys.groupOrExternalId);
      return { id: pathOf(keys).join("/"), outs: outputsOf(keys, inputs) };
    },

    read: async (id, props) => {
      const keys = keysOf(id, props);
      const client = context.client();
      const members = await context.memberships.members(
        client,
        keys.identitySourceId,
        keys.groupOrExternalId,
      );
      // A listing of the group means its identity source exists; a group that is gone needs a look at it.
      if (members === undefined) await context.confirmIdentitySource(keys.identitySourceId);
      if (members === undefined || !members.has(keys.memberExternalId)) return {};
      const outs = outputsOf(keys, props);
      return { id: pathOf(keys).join("/"), props: outs, inputs: outs };
    },

    // Every argument replaces, so the engine only calls this when a bookkeeping input changed: nothing to send.
    update: async (id, olds, news) => ({ outs: outputsOf(keysOf(id, olds), news) }),

    delete: async (id, props) => {
      const keys = keysOf(id, props);
      const removed = await context.client().memberships.remove(...pathOf(keys));
      context.memberships.invalidate(keys.identitySourceId, keys.groupOrExternalId);
      if (!removed) await confirmGone(context, keys.identitySourceId, { props, what: "membership" });
    },
  };
}
