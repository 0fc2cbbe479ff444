/**
 * `delta-requests`: one user changed in the 102,000-record job (50,000 users + 2,000 groups + 50,000
 * memberships), after a first run that COMPLETED: the update's sessions, uploads, records sent and the requests
 * that change something in Okta (lower bound 3: create session, one upload, start-import), against the emulator
 * with the five-minute rule off and imports that complete at once. Also the time of the `check` (which computes
 * the delta from the previous inputs) and `diff` the engine calls before that update.
 */
import { createImportKind } from "../src/provider/import";
import { RESOURCE_NAME_KEY } from "../src/provider/log";
import { elapsedMs, type Figure, ms, note, report } from "./bench";
import { QUICK_RUN } from "./import-requests";
import { largeJob } from "./jobs";
import { clientOf, stateChanging, withEmulator } from "./world";

export const figures: Figure[] = [
  {
    name: "delta-requests",
    run: () =>
      withEmulator({ sessionCooldownSeconds: 0, importDelayMs: 0, rateLimit: false }, async (emulator) => {
        const client = clientOf(emulator);
        const kind = createImportKind({
          client: () => client,
          clock: QUICK_RUN.clock,
          sleep: QUICK_RUN.sleep,
          log: () => undefined,
          cooldownSeconds: 0,
        });
        const olds: Record<string, unknown> = {
          identitySourceId: emulator.identitySourceId,
          ...largeJob(),
          pollIntervalSeconds: 1,
          [RESOURCE_NAME_KEY]: "bench",
          __provider: "exports.handler = …",
        };
        await kind.check({}, olds);
        const created = await kind.create(olds);
        note(
          `first run: ${String(created.outs["sessionStatus"])}, ${String(created.outs["uploadCount"])} uploads`,
        );

        // The engine hands each call freshly deserialized inputs.
        const news = JSON.parse(JSON.stringify(olds)) as Record<string, unknown>;
        const profiles = (news["upsertUsers"] as { profiles: { profile: Record<string, unknown> }[] })
          .profiles;
        profiles[0]!.profile["lastName"] = "Changed";
        const before = emulator.requests.length;
        const start = process.hrtime.bigint();
        await kind.check(JSON.parse(JSON.stringify(olds)) as Record<string, unknown>, news);
        await kind.diff(created.id, created.outs, news);
        const checkDiffMs = elapsedMs(start);
        const updated = await kind.update(created.id, created.outs, news);
        const outs = updated.outs!;
        const requests = stateChanging(emulator.requests.slice(before)).length;
        const sent = Object.values(outs["sent"] as Record<string, number>).reduce((a, b) => a + b, 0);
        note(`check + diff (delta included): ${ms(checkDiffMs)}; update: ${String(outs["lastRun"])}`);
        report(
          "delta-requests",
          {
            requests,
            lowerBound: 3,
            sessions: Number(outs["sessionCount"]),
            uploads: Number(outs["uploadCount"]),
            recordsSent: sent,
            checkDiffMs: Math.round(checkDiffMs),
          },
          { goal: "requests == lowerBound", met: requests === 3 },
        );
      }),
  },
];
