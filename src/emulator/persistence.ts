import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { EmulatorState, SessionRecord, SourceState } from "./state";

/**
 * The state file: everything needed to resume (sessions with their staged uploads, users, groups,
 * memberships), as versioned JSON, plus the local test token the emulator generated (so a restart accepts the
 * token the stack was configured with); a token passed in is never written. Saved atomically (temp file +
 * rename).
 */

const profile = z.record(z.string(), z.string().nullable());
const entries = z.array(z.object({ externalId: z.string(), profile }));
const memberships = z.array(
  z.object({ groupExternalId: z.string(), memberExternalIds: z.array(z.string()) }),
);

const upload = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("upsertUsers"), profiles: entries }),
  z.object({ kind: z.literal("deleteUsers"), externalIds: z.array(z.string()) }),
  z.object({ kind: z.literal("upsertGroups"), profiles: entries }),
  z.object({ kind: z.literal("deleteGroups"), externalIds: z.array(z.string()) }),
  z.object({ kind: z.literal("upsertMemberships"), memberships }),
  z.object({ kind: z.literal("deleteMemberships"), memberships }),
]);

const count = z.number().int().nonnegative();
const session = z.object({
  id: z.string(),
  identitySourceId: z.string(),
  status: z.enum(["CREATED", "IN_PROGRESS", "TRIGGERED", "COMPLETED", "CLOSED", "EXPIRED", "ERROR"]),
  createdAt: z.number(),
  lastUpdatedAt: z.number(),
  lastActivityAt: z.number(),
  triggeredAt: z.number().optional(),
  finishedAt: z.number().optional(),
  uploadCount: count,
  userCount: count,
  uploads: z.array(upload),
  report: z
    .object({
      usersUpserted: count,
      usersDeactivated: count,
      groupsUpserted: count,
      groupsDeleted: count,
      membershipsAdded: count,
      membershipsRemoved: count,
      skipped: count,
    })
    .optional(),
});

const user = z.object({
  id: z.string(),
  externalId: z.string(),
  status: z.enum(["ACTIVE", "DEACTIVATED"]),
  createdAt: z.number(),
  lastUpdatedAt: z.number(),
  profile,
});
const group = z.object({
  id: z.string(),
  externalId: z.string(),
  createdAt: z.number(),
  lastUpdatedAt: z.number(),
  profile,
});

const StateFile = z.object({
  version: z.literal(1),
  generatedApiToken: z.string().min(1).optional(),
  sources: z.array(
    z.object({
      id: z.string(),
      lastImportDoneAt: z.number(),
      sessions: z.array(session),
      users: z.array(user),
      groups: z.array(group),
      memberships: z.record(z.string(), z.array(z.string())),
    }),
  ),
});
type StateFile = z.infer<typeof StateFile>;

export function serializeState(state: EmulatorState): string {
  const file: StateFile = {
    version: 1,
    ...(state.generatedApiToken === undefined ? {} : { generatedApiToken: state.generatedApiToken }),
    sources: [...state.sources.values()].map((source) => ({
      id: source.id,
      lastImportDoneAt: source.lastImportDoneAt,
      sessions: source.sessions,
      users: [...source.users.values()],
      groups: [...source.groups.values()],
      memberships: Object.fromEntries([...source.memberships].map(([id, members]) => [id, [...members]])),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads the state file, or `undefined` when it does not exist yet. Throws a readable error if corrupt. */
export function loadState(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`emulator state file ${path} is not valid JSON; delete it to start afresh`, {
      cause: error,
    });
  }
  const parsed = StateFile.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") ?? "";
    throw new Error(
      `emulator state file ${path} has an unexpected shape (at "${where}"); delete it to start afresh`,
    );
  }
  const sources = new Map<string, SourceState>();
  for (const saved of parsed.data.sources) {
    sources.set(saved.id, {
      id: saved.id,
      lastImportDoneAt: saved.lastImportDoneAt,
      sessions: saved.sessions.map((s) => stripUndefined(s) as SessionRecord),
      users: new Map(saved.users.map((u) => [u.externalId, u])),
      groups: new Map(saved.groups.map((g) => [g.id, g])),
      memberships: new Map(Object.entries(saved.memberships).map(([id, members]) => [id, new Set(members)])),
    });
  }
  const token = parsed.data.generatedApiToken;
  return token === undefined ? { sources } : { sources, generatedApiToken: token };
}

/** Writes atomically, so a crash mid-write never leaves half a file behind. */
export function saveState(path: string, serialized: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, serialized, "utf8");
  renameSync(temp, path);
}

/** zod leaves optional keys as `undefined`; our records omit them (exactOptionalPropertyTypes). */
function stripUndefined(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
