/**
 * Shared set-up for the `IdentitySourceImport` provider tests: the import kind wired to a run world (emulator,
 * manual clock, instant sleeps), and the id-carrying error a failed create rejects with.
 */
import assert from "node:assert/strict";
import type { OktaClient } from "../../src/client/types";
import { createImportKind } from "../../src/provider/import";
import type { ResourceKindProvider } from "../../src/provider/kind";
import type { RunWorld } from "../import/run-support";

/** Stands for the serialized provider the host passes in `__provider`. */
export const PROVIDER = "exports.handler = () => ({}) /* provider text */";
export const MIN = 60_000;

/** Pulumi's id-carrying error: the session ids and statuses reach state through `id` and `properties`. */
export type InitError = Error & { id: string; properties: Record<string, unknown>; reasons: string[] };

/** The import kind against `world`'s emulator and clock, printing into `lines` as `name: message`. */
export function importKind(
  world: RunWorld,
  lines: string[],
  client: OktaClient = world.client,
): ResourceKindProvider {
  return createImportKind({
    client: () => client,
    clock: () => world.clock.now(),
    sleep: world.sleep,
    log: (name, message) => lines.push(`${name}: ${message}`),
  });
}

/** The id-carrying error `create` rejects with; fails the test with `expected` if it succeeds. */
export function initErrorOf(create: Promise<unknown>, expected: string): Promise<InitError> {
  return create.then(
    () => assert.fail(expected),
    (e: InitError) => e,
  );
}
