import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { createOktaClient } from "../src/client";
import type { OktaClient } from "../src/client/types";
import { startEmulator, type Emulator, type EmulatorOptions, type RequestLogEntry } from "../src/emulator";
import { configure } from "../src/provider";

/** A client of the emulator, with its token. */
export const clientOf = (emulator: Emulator): OktaClient =>
  createOktaClient({ orgUrl: emulator.url, auth: { kind: "apiToken", token: emulator.apiToken } });

/** An emulator for one figure, closed afterwards whatever happens. */
export async function withEmulator<T>(
  options: EmulatorOptions,
  fn: (emulator: Emulator) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator(options);
  try {
    return await fn(emulator);
  } finally {
    await emulator.close();
  }
}

/**
 * Points the provider context (the one every resource kind of `kinds` uses, as in the provider process) at
 * `emulator`, as the host's `configure()` does, with the client's default retries and gate.
 */
export function configureProviderFor(emulator: Emulator, extra: Record<string, string> = {}): void {
  const config: Record<string, string> = {
    "okta:orgUrl": emulator.url,
    "okta:apiToken": emulator.apiToken,
    ...extra,
  };
  // Its body runs before it returns: nothing to wait for.
  void configure({ config: { get: (key: string) => config[key] } } as ConfigureRequest);
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Requests that change something in Okta (what the import figures count). */
export const stateChanging = (requests: readonly RequestLogEntry[]): RequestLogEntry[] =>
  requests.filter((r) => STATE_CHANGING.has(r.method));

/** Every result settled: how many rejected, and the first rejection's message (for the human text). */
export async function settleAll(
  work: readonly Promise<unknown>[],
): Promise<{ failed: number; firstError: string | undefined }> {
  const results = await Promise.allSettled(work);
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  const first = rejected[0]?.reason as unknown;
  return { failed: rejected.length, firstError: first instanceof Error ? first.message : undefined };
}
