/**
 * Shared setup of the import-run tests: an emulator on a manual clock, a client whose waits move that clock
 * (so a five-minute rule or a 429 reset costs no real time), and helpers over the emulator's request log.
 */
import assert from "node:assert/strict";
import { createOktaClient } from "../../src/client";
import type { OktaClientOptions } from "../../src/client/options";
import type { OktaClient } from "../../src/client/types";
import type { RunImportOptions } from "../../src/import/run";
import { isImportRunError, type ImportRunError, type SettingRef } from "../../src/import/run-errors";
import { IMPORT_DEFAULTS } from "../../src/schemas/import-args";
import { createManualClock, type ManualClock } from "../../src/emulator/clock";
import { startEmulator, type EmulatorOptions } from "../../src/emulator";

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface RunWorld {
  emulator: Emulator;
  clock: ManualClock;
  client: OktaClient;
  /** Every fake wait, in ms. */
  sleeps: number[];
  lines: string[];
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Run options with fast, fake time and the resource's default knobs; override per test. */
  options(overrides?: Partial<RunImportOptions>): RunImportOptions;
  close(): Promise<void>;
}

export const START = Date.UTC(2026, 0, 1, 9, 0, 0);

export async function startWorld(
  emulatorOptions: EmulatorOptions = {},
  clientOptions: Partial<OktaClientOptions> = {},
): Promise<RunWorld> {
  const clock = createManualClock(START);
  const emulator = await startEmulator({ clock, importDelayMs: 2_000, ...emulatorOptions });
  const sleeps: number[] = [];
  const lines: string[] = [];
  const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("aborted");
    sleeps.push(ms);
    clock.advance(Math.max(0, ms));
  };
  const client = createOktaClient({
    orgUrl: emulator.url,
    auth: { kind: "apiToken", token: emulator.apiToken },
    clock: () => clock.now(),
    sleep,
    random: () => 0.5,
    ...clientOptions,
  });
  return {
    emulator,
    clock,
    client,
    sleeps,
    lines,
    sleep,
    options: (overrides = {}) => ({
      clock: () => clock.now(),
      sleep,
      log: (line) => lines.push(line),
      waitForCompletion: true,
      completionTimeoutSeconds: 600,
      activeSessionWaitSeconds: IMPORT_DEFAULTS.activeSessionWaitSeconds,
      pollIntervalSeconds: 5,
      staleSessionSeconds: IMPORT_DEFAULTS.staleSessionSeconds,
      ...overrides,
    }),
    close: () => emulator.close(),
  };
}

/** Requests of the log matching a method and a path suffix (regexp over the path). */
export function requestsTo(
  emulator: Emulator,
  method: string,
  path: RegExp,
): { status: number; path: string; at: number }[] {
  return emulator.requests.filter((r) => r.method === method && path.test(r.path));
}

export const UPLOAD_PATH = /\/sessions\/[^/]+\/bulk-[a-z-]+$/;
export const CREATE_PATH = /\/identity-sources\/[^/]+\/sessions$/;
export const START_PATH = /\/start-import$/;

/** Uploads Okta accepted (202) into one session. */
export function acceptedUploads(emulator: Emulator, sessionId: string): number {
  return emulator.requests.filter(
    (r) => r.method === "POST" && r.status === 202 && r.path.includes(`/sessions/${sessionId}/bulk-`),
  ).length;
}

/** Asserts that a job rejects with an `ImportRunError`, then runs `check` on it. */
export async function rejectsWithRunError(
  promise: Promise<unknown>,
  check: (e: ImportRunError) => void,
): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isImportRunError(e), `expected an ImportRunError, got ${String(e)}`);
    check(e);
    return true;
  });
}

/** The settings an error's message refers to (`SettingRef`s), in order: the facts the provider words. */
export function settingsOf(e: ImportRunError): SettingRef[] {
  return e.text.filter((p): p is SettingRef => typeof p !== "string");
}
