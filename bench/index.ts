import type { Bench } from "./bench";

/**
 * `npm run bench`: runs each bench module in turn and prints its figures. To add one, write
 * `bench/<name>.ts` exporting `bench: Bench` and add one line below. `npm run bench -- plan` runs only the
 * benches whose name contains "plan".
 */
const modules: (() => Promise<{ bench: Bench }>)[] = [() => import("./plan"), () => import("./import-run")];

async function main(): Promise<void> {
  const filter = process.argv[2];
  for (const load of modules) {
    const { bench } = await load();
    if (filter !== undefined && !bench.name.includes(filter)) continue;
    console.log(`\n== ${bench.name}`);
    await bench.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
