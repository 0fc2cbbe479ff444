/**
 * `check-diff-ms`: one `check` and one `diff` of the 102,000-record job (50,000 users + 2,000 groups + 50,000
 * memberships) with one user changed, as the engine calls them at `pulumi preview` of an existing stack (check
 * includes the delta from the previous inputs; the digest that ties it to the previous outputs is update's);
 * beside
 * `JSON.parse(JSON.stringify(inputs))` of the same inputs, measured alternately in the same run.
 * `check-diff-unchanged-ms`: the same with nothing changed (diff then digests every block to find no change).
 */
import { planImport } from "../src/import/plan";
import { realSleep } from "../src/client/sleep";
import { createImportKind } from "../src/provider/import";
import { digestsOf, outputsOf, parseImportInputs } from "../src/provider/import-state";
import { RESOURCE_NAME_KEY } from "../src/provider/log";
import { IDENTITY_SOURCE_ID } from "../test/helpers/builders";
import { elapsedMs, type Figure, median, ms, note, report, round1 } from "./bench";
import { largeJob } from "./jobs";

const RUNS = 5;

/**
 * Both sides start from a collected heap (`npm run bench` runs node with --expose-gc): otherwise whichever runs
 * after the other pays for its garbage, which swung the ratio between 3.4 and 5.3 on this 2-core machine.
 */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

function inputsPair(): { olds: Record<string, unknown>; news: Record<string, unknown>; records: number } {
  const data = largeJob();
  const olds = {
    identitySourceId: IDENTITY_SOURCE_ID,
    ...data,
    [RESOURCE_NAME_KEY]: "bench",
    __provider: "exports.handler = …",
  };
  const news = structuredClone(olds);
  news.upsertUsers!.profiles[0]!.profile.lastName = "Changed";
  const records =
    data.upsertUsers!.profiles.length +
    data.upsertGroups!.profiles.length +
    data.upsertGroupMemberships!.memberships.reduce((sum, m) => sum + m.memberExternalIds.length, 0);
  return { olds, news, records };
}

/** One figure: the same job's check + diff against its JSON round trip, alternately. */
function checkDiffFigure(name: string, changed: boolean, goal: boolean): Figure {
  return {
    name,
    async run() {
      const kind = createImportKind({
        client: () => {
          throw new Error("check and diff send nothing");
        },
        clock: Date.now,
        sleep: realSleep,
        log: () => undefined,
      });
      const { olds, news: changedNews, records } = inputsPair();
      const news = changed ? changedNews : olds;
      // What state holds after the previous `up`: its outputs (the engine passes them to diff as `olds`).
      const args = parseImportInputs(olds);
      const plan = planImport(args);
      // Its sessions COMPLETED: a job left unfinished is an update whatever the data.
      const sessions = plan.sessions.map((_, planIndex) => ({
        id: `s${planIndex}`,
        status: "COMPLETED",
        planIndex,
      }));
      const oldOutputs = outputsOf(args, "bench", { sessions, plan, digests: digestsOf(args) });
      // The engine hands every call freshly deserialized values: each run gets its own copies, made untimed.
      const newsText = JSON.stringify(news);
      const oldsText = JSON.stringify(olds);

      const checkDiff: number[] = [];
      const roundTrip: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const checkOlds = JSON.parse(oldsText) as Record<string, unknown>;
        const checkNews = JSON.parse(newsText) as Record<string, unknown>;
        const diffNews = JSON.parse(newsText) as Record<string, unknown>;
        collectGarbage();
        let start = process.hrtime.bigint();
        const checked = await kind.check(checkOlds, checkNews);
        const diff = await kind.diff("session-id", oldOutputs, diffNews);
        checkDiff.push(elapsedMs(start));
        if ((checked.failures ?? []).length > 0) throw new Error("the bench job should pass check");
        if (diff.changes !== changed || (diff.replaces ?? []).length > 0)
          throw new Error(
            changed ? "diff should update (not replace) on the changed user" : "diff should be clean",
          );

        const inputs = JSON.parse(newsText) as Record<string, unknown>;
        collectGarbage();
        start = process.hrtime.bigint();
        JSON.parse(JSON.stringify(inputs));
        roundTrip.push(elapsedMs(start));
      }
      const checkDiffMs = median(checkDiff);
      const jsonRoundTripMs = median(roundTrip);
      note(
        `check + diff${changed ? "" : " (unchanged)"}: median ${ms(checkDiffMs)}; JSON round trip: median ` +
          `${ms(jsonRoundTripMs)} (${RUNS} runs each)`,
      );
      report(
        name,
        {
          records,
          ms: round1(checkDiffMs),
          jsonRoundTripMs: round1(jsonRoundTripMs),
          ratio: round1(checkDiffMs / jsonRoundTripMs),
        },
        goal ? { goal: "ms <= 5 * jsonRoundTripMs", met: checkDiffMs <= 5 * jsonRoundTripMs } : undefined,
      );
    },
  };
}

export const figures: Figure[] = [
  checkDiffFigure("check-diff-ms", true, true),
  // The preview of a stack whose data did not change: diff digests every block to say so, since it never takes
  // "no change" from check (docs/import.md#updates). Recorded without a goal, to see it move.
  checkDiffFigure("check-diff-unchanged-ms", false, false),
];
