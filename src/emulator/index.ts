/**
 * `pulumi-okta-identity-source/emulator`: a local, in-memory Okta Identity Sources API for demos and tests.
 * It shares no runtime code with the package's client, so it can catch the client's mistakes.
 */
import type { AddressInfo } from "node:net";
import { isManualClock, type Clock } from "./clock";
import type { EmulatorCore } from "./context";
import { FaultQueue, type FaultSpec } from "./faults";
import { ImportProcessor, type ImportFailureSpec } from "./imports";
import { OAuthServer } from "./oauth";
import {
  defaultIdentitySourceIds,
  resolveOptions,
  type EmulatorOptions,
  type RequestLogEntry,
} from "./options";
import { notFound } from "./errors";
import { loadState, saveState, serializeState } from "./persistence";
import { RateLimiter } from "./rate-limit";
import { createEmulatorServer } from "./server";
import {
  createSource,
  findGroup,
  type EmulatorState,
  type GroupRecord,
  type SessionRecord,
  type SourceState,
  type UserRecord,
} from "./state";

export type { EmulatorOptions, OAuthClientConfig, RequestLogEntry, SessionCooldownRule } from "./options";
export type { FaultSpec } from "./faults";
export type { ImportFailureSpec } from "./imports";
export { createManualClock, type Clock, type ManualClock, type Sleep } from "./clock";

export interface Emulator {
  /** `http://127.0.0.1:<port>`: use it as `okta:orgUrl`. */
  readonly url: string;
  /** The local test token, accepted as `SSWS <token>`. */
  readonly apiToken: string;
  /** The first identity source. */
  readonly identitySourceId: string;
  readonly identitySourceIds: readonly string[];
  /** Every request so far, oldest first (no credentials recorded). */
  readonly requests: RequestLogEntry[];
  /** The next matching request(s) fail, are delayed, or lose their connection. */
  failNext(spec?: FaultSpec): void;
  /** The next triggered import(s) (or one session's) end in ERROR. */
  failNextImport(spec?: ImportFailureSpec): void;
  /** Completes every triggered import now, whatever `importDelayMs`. Returns the finished session ids. */
  processImports(): string[];
  /** Moves a manual clock forward (throws with the system clock). */
  advanceTime(ms: number): void;
  users(identitySourceId?: string): UserRecord[];
  groups(identitySourceId?: string): GroupRecord[];
  /** Member external ids of a group (by Okta id or external id), sorted. */
  members(groupOrExternalId: string, identitySourceId?: string): string[];
  /** The same, identity source first (the order the API paths use). */
  memberships(identitySourceId: string, groupOrExternalId: string): string[];
  sessions(identitySourceId?: string): SessionRecord[];
  /** The live state, for tests that need to change the org "out of band". */
  readonly state: EmulatorState;
  close(): Promise<void>;
}

/** Starts the emulator on `127.0.0.1` (port 0 = any free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state: EmulatorState = (options.stateFile ? loadState(options.stateFile) : undefined) ?? {
    sources: new Map(),
  };
  const savedToken = options.apiToken === undefined ? state.generatedApiToken : undefined;
  const resolved = resolveOptions(savedToken === undefined ? options : { ...options, apiToken: savedToken });
  if (options.apiToken === undefined) state.generatedApiToken = resolved.apiToken;
  const clock: Clock = resolved.clock;
  const wanted =
    resolved.identitySourceIds ??
    (state.sources.size > 0 ? [...state.sources.keys()] : defaultIdentitySourceIds());
  for (const id of wanted) if (!state.sources.has(id)) state.sources.set(id, createSource(id));
  const identitySourceIds = [...wanted];

  let lastSaved = "";
  const persist = (): void => {
    if (!resolved.stateFile) return;
    const serialized = serializeState(state);
    if (serialized === lastSaved) return;
    saveState(resolved.stateFile, serialized);
    lastSaved = serialized;
  };
  const manual = isManualClock(clock);
  const imports = new ImportProcessor(
    state,
    clock,
    resolved.importDelayMs,
    persist,
    manual ? undefined : resolved.sleep,
  );
  const core: EmulatorCore = {
    options: resolved,
    clock,
    state,
    imports,
    faults: new FaultQueue(),
    rateLimiter: new RateLimiter(resolved.rateLimit, clock),
    oauth: new OAuthServer(resolved.oauthClients, clock),
    requests: [],
    url: "",
    source(id: string): SourceState {
      const source = state.sources.get(id);
      if (!source) throw notFound(id, "IdentitySource");
      return source;
    },
    persist,
  };
  const unsubscribe = manual ? clock.subscribe(() => imports.runDue()) : () => undefined;

  const server = createEmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  core.url = `http://${host}:${address.port}`;
  imports.schedule();
  persist();

  const sourceOf = (id: string | undefined): SourceState => core.source(id ?? identitySourceIds[0] ?? "");
  const membersOf = (groupOrExternalId: string, id: string | undefined): string[] => {
    const source = sourceOf(id);
    const group = findGroup(source, groupOrExternalId);
    return group ? [...(source.memberships.get(group.id) ?? [])].sort() : [];
  };
  const firstId = identitySourceIds[0];
  if (firstId === undefined) throw new RangeError("the emulator needs at least one identity source id");

  return {
    url: core.url,
    apiToken: resolved.apiToken,
    identitySourceId: firstId,
    identitySourceIds,
    requests: core.requests,
    state,
    failNext: (spec = {}) => core.faults.add(spec),
    failNextImport: (spec = {}) => imports.failNext(spec),
    processImports: () => imports.processAll(),
    advanceTime(ms: number) {
      if (!isManualClock(clock))
        throw new Error("advanceTime needs a manual clock: startEmulator({ clock: createManualClock() })");
      clock.advance(ms);
    },
    users: (id) => [...sourceOf(id).users.values()],
    groups: (id) => [...sourceOf(id).groups.values()],
    members: (groupOrExternalId, id) => membersOf(groupOrExternalId, id),
    memberships: (id, groupOrExternalId) => membersOf(groupOrExternalId, id),
    sessions: (id) => [...sourceOf(id).sessions],
    async close() {
      unsubscribe();
      imports.stop();
      persist();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
