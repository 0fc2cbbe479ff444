/**
 * `poll-latency`: from start-import to the job seeing COMPLETED, for an import of 50 users that the emulator
 * takes 2 s and 20 s to process (two emulators, both jobs at once), with the import's default knobs
 * (`pollIntervalSeconds` 10). `importMs` is the emulator's processing time; `observedMs` runs from the moment
 * the emulator received start-import to the moment the resource's create returned.
 */
import type { Emulator } from "../src/emulator";
import { realSleep } from "../src/client/sleep";
import { createImportKind } from "../src/provider/import";
import { RESOURCE_NAME_KEY } from "../src/provider/log";
import { aUser, range } from "../test/helpers/builders";
import { type Figure, report } from "./bench";
import { clientOf, withEmulator } from "./world";

async function observe(importMs: number): Promise<void> {
  await withEmulator({ importDelayMs: importMs, sessionCooldownSeconds: 0 }, async (emulator: Emulator) => {
    // The kind the provider registers, with a client of its own: two emulators run side by side.
    const client = clientOf(emulator);
    const kind = createImportKind({
      client: () => client,
      clock: Date.now,
      sleep: realSleep,
      log: () => undefined,
    });
    await kind.create({
      identitySourceId: emulator.identitySourceId,
      upsertUsers: { profiles: range(50).map((i) => aUser(i)) },
      [RESOURCE_NAME_KEY]: `import-${importMs}`,
    });
    const seen = Date.now();
    const started = emulator.requests.find((r) => r.method === "POST" && r.path.endsWith("/start-import"));
    if (!started) throw new Error("the job never started its import");
    const observedMs = seen - started.at;
    const limit = 1.1 * importMs + 1000;
    report(
      "poll-latency",
      { importMs, observedMs },
      { goal: "observedMs <= 1.1 * importMs + 1000", met: observedMs <= limit },
    );
  });
}

export const figures: Figure[] = [
  {
    name: "poll-latency",
    run: async () => {
      await Promise.all([observe(2_000), observe(20_000)]);
    },
  },
];
