/**
 * Figures of the direct resources (one record per resource), run through the provider's resource kinds as the
 * dynamic-provider host calls them, against the emulator in this process:
 * - `direct-create-requests`: requests per create of a user, a group and a membership when nothing exists yet.
 * - `membership-refresh-gets`: a refresh of 1,000 membership resources of one group holding 2,500 members.
 * - `rate-limited-direct`: 300 `IdentitySourceUser` creates at once (the engine sends them concurrently)
 *   against a bucket of 60 requests per 10 s, Okta's window. Not shortened: the client's waits follow Okta's
 *   `X-Rate-Limit-Reset`, which is in whole seconds, so a shorter window exaggerates every rounding (at 5 s,
 *   0.1.0's code failed 146 creates instead of 2). Two lines: `okta:maxApiCapacity` 100 (the whole bucket,
 *   the bound as the issue states it) and the default 90, whose bound counts only the 54 requests per window
 *   the provider allows itself (it leaves 10 % of each bucket to other clients of the org).
 * - `rate-limited-run`: a 1,000-user import and 20 direct users at once against a bucket of 15 requests per
 *   20-s window, `pollIntervalSeconds` 1, at the same two capacities (90 % of 15 leaves 13 per window). The bound counts requests only; the job also waits for the import
 *   itself and one status poll after it (about 1.5 s with the reset's whole-second rounding), which a 3-s
 *   window would make half the bound, and a 10-s poll ceiling would add 10 s when the window is half spent.
 */
import type { Emulator, EmulatorOptions } from "../src/emulator";
import { planImport } from "../src/import/plan";
import { runImport } from "../src/import/run";
import { kinds } from "../src/provider";
import { RESOURCE_NAME_KEY } from "../src/provider/log";
import { aGroup, aUser, range, userId } from "../test/helpers/builders";
import { elapsedMs, type Figure, note, report } from "./bench";
import { QUICK_RUN } from "./import-requests";
import { clientOf, configureProviderFor, settleAll, withEmulator } from "./world";

const userInputs = (emulator: Emulator, i: number) => ({
  identitySourceId: emulator.identitySourceId,
  ...aUser(i),
  [RESOURCE_NAME_KEY]: `user-${i}`,
});

/** Requests sent while `fn` runs. */
async function requestsDuring(emulator: Emulator, fn: () => Promise<unknown>): Promise<number> {
  const before = emulator.requests.length;
  await fn();
  return emulator.requests.length - before;
}

/** Throttled (429) and served (any other answer) requests in the emulator's log. */
function answers(emulator: Emulator): { throttled: number; served: number } {
  const throttled = emulator.requests.filter((r) => r.status === 429).length;
  return { throttled, served: emulator.requests.length - throttled };
}

/** The least time `served` requests take through a bucket of `limit` per window: one window per `limit`, less the first. */
const boundMsOf = (served: number, limit: number, windowSeconds: number): number =>
  (Math.ceil(served / limit) - 1) * windowSeconds * 1000;

/** `okta:maxApiCapacity` 100 (the whole bucket, the bound as the issue states it) and the default 90. */
const CAPACITIES = [100, 90];

/** Requests per window the provider allows itself: it leaves the rest of each bucket to other clients. */
const usableOf = (limit: number, capacityPercent: number): number =>
  Math.floor((limit * capacityPercent) / 100);

interface Bucket {
  limit: number;
  windowSeconds: number;
  /** `okta:maxApiCapacity` for the provider. */
  capacityPercent: number;
}

/**
 * Runs `work` through the provider against an emulator whose bucket is `bucket`, and measures it: failures,
 * 429s, requests served, elapsed ms, and the bound for the requests served at the provider's usable budget.
 */
async function underBucket(
  bucket: Bucket,
  emulatorOptions: Omit<EmulatorOptions, "rateLimit">,
  work: (emulator: Emulator) => Promise<unknown>[],
) {
  const { limit, windowSeconds, capacityPercent } = bucket;
  return withEmulator({ ...emulatorOptions, rateLimit: { limit, windowSeconds } }, async (emulator) => {
    configureProviderFor(emulator, { "okta:maxApiCapacity": String(capacityPercent) });
    const start = process.hrtime.bigint();
    const { failed, firstError } = await settleAll(work(emulator));
    const ms = Math.round(elapsedMs(start));
    const { throttled, served } = answers(emulator);
    const usablePerWindow = usableOf(limit, capacityPercent);
    if (firstError) note(`first failure: ${firstError}`);
    note(`bucket: ${limit} requests per ${windowSeconds} s; okta:maxApiCapacity ${capacityPercent} %`);
    return {
      maxApiCapacity: capacityPercent,
      usablePerWindow,
      failed,
      throttled,
      served,
      ms,
      boundMs: boundMsOf(served, usablePerWindow, windowSeconds),
      windowSeconds,
    };
  });
}

export const figures: Figure[] = [
  {
    name: "direct-create-requests",
    run: () =>
      withEmulator({}, async (emulator) => {
        configureProviderFor(emulator);
        const isId = emulator.identitySourceId;
        const group = aGroup(1);
        const creates = {
          user: () => kinds.IdentitySourceUser.create(userInputs(emulator, 1)),
          group: () =>
            kinds.IdentitySourceGroup.create({
              identitySourceId: isId,
              externalId: group.externalId,
              profile: group.groupProfile,
              [RESOURCE_NAME_KEY]: "group-1",
            }),
          membership: () =>
            kinds.IdentitySourceGroupMembership.create({
              identitySourceId: isId,
              groupOrExternalId: group.externalId,
              memberExternalId: userId(1),
              [RESOURCE_NAME_KEY]: "membership-1",
            }),
        };
        for (const [resource, create] of Object.entries(creates)) {
          const requests = await requestsDuring(emulator, create);
          report(
            "direct-create-requests",
            { resource, requests },
            { goal: "requests == 1", met: requests === 1 },
          );
        }
      }),
  },
  {
    name: "membership-refresh-gets",
    run: () =>
      withEmulator({ sessionCooldownSeconds: 0, importDelayMs: 0 }, async (emulator) => {
        const MEMBERS = 2_500;
        const RESOURCES = 1_000;
        const isId = emulator.identitySourceId;
        const group = aGroup(1).externalId;
        const client = clientOf(emulator);
        const seed = planImport({
          upsertUsers: { profiles: range(MEMBERS).map((i) => aUser(i)) },
          upsertGroups: { profiles: [aGroup(1)] },
          upsertGroupMemberships: {
            memberships: [{ groupExternalId: group, memberExternalIds: range(MEMBERS).map(userId) }],
          },
        });
        await runImport(client, isId, seed, QUICK_RUN);

        configureProviderFor(emulator);
        const before = emulator.requests.length;
        const reads = await Promise.all(
          range(RESOURCES).map((i) => {
            const props = {
              identitySourceId: isId,
              groupOrExternalId: group,
              memberExternalId: userId(i * 2),
            };
            return kinds.IdentitySourceGroupMembership.read(`${isId}/${group}/${userId(i * 2)}`, props);
          }),
        );
        if (reads.some((r) => r.id === undefined)) throw new Error("every membership should still exist");
        const gets = emulator.requests.slice(before).filter((r) => r.method === "GET").length;
        const lowerBound = Math.ceil(MEMBERS / 1000);
        report(
          "membership-refresh-gets",
          { gets, lowerBound },
          { goal: "gets <= lowerBound", met: gets <= lowerBound },
        );
      }),
  },
  {
    name: "rate-limited-direct",
    run: async () => {
      const RESOURCES = 300;
      for (const capacityPercent of CAPACITIES) {
        const run = await underBucket({ limit: 60, windowSeconds: 10, capacityPercent }, {}, (emulator) =>
          range(RESOURCES).map((i) => kinds.IdentitySourceUser.create(userInputs(emulator, i))),
        );
        report(
          "rate-limited-direct",
          { resources: RESOURCES, ...run },
          {
            goal: "failed == 0 && throttled <= 5% of served && ms <= 1.2 * boundMs",
            met: run.failed === 0 && run.throttled <= 0.05 * run.served && run.ms <= 1.2 * run.boundMs,
          },
        );
      }
    },
  },
  {
    name: "rate-limited-run",
    run: async () => {
      const USERS = 1_000;
      const DIRECT = 20;
      for (const capacityPercent of CAPACITIES) {
        const { served, ...run } = await underBucket(
          { limit: 15, windowSeconds: 20, capacityPercent },
          { sessionCooldownSeconds: 0 },
          (emulator) => [
            kinds.IdentitySourceImport.create({
              identitySourceId: emulator.identitySourceId,
              upsertUsers: { profiles: range(USERS, DIRECT).map((i) => aUser(i)) },
              pollIntervalSeconds: 1,
              [RESOURCE_NAME_KEY]: "import",
            }),
            ...range(DIRECT).map((i) => kinds.IdentitySourceUser.create(userInputs(emulator, i))),
          ],
        );
        report(
          "rate-limited-run",
          { ...run, requests: served },
          {
            goal: "failed == 0 && ms <= 1.2 * boundMs",
            met: run.failed === 0 && run.ms <= 1.2 * run.boundMs,
          },
        );
      }
    },
  },
];
