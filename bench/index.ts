import type { Figure } from "./bench";

/**
 * `npm run bench`: prints every figure as one JSON line on stdout (commentary on stderr). `npm run bench --
 * NAME [NAME…]` runs only the named figures. To add one, write `bench/<name>.ts` exporting `figures` and add
 * it below.
 */
const modules: (() => Promise<{ figures: Figure[] }>)[] = [
  () => import("./import-requests"),
  () => import("./check-diff"),
  () => import("./provider-bytes"),
  () => import("./direct-records"),
  () => import("./delta-requests"),
  () => import("./poll-latency"),
  () => import("./peak-rss"),
  () => import("./membership-packing"),
];

async function main(): Promise<void> {
  // The provider prints its progress with console.log, as in the host; here stdout is for figure lines only.
  console.log = console.error;
  const wanted = process.argv.slice(2);
  const all = (await Promise.all(modules.map((load) => load()))).flatMap((m) => m.figures);
  const unknown = wanted.filter((name) => !all.some((f) => f.name === name));
  if (unknown.length > 0)
    throw new Error(`no figure named ${unknown.join(", ")}; figures: ${all.map((f) => f.name).join(", ")}`);
  for (const figure of all) {
    if (wanted.length > 0 && !wanted.includes(figure.name)) continue;
    console.error(`\n== ${figure.name}`);
    await figure.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
