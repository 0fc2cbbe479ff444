/**
 * The short table the demo ends with: what the emulator holds after the run, one row per kind. External ids
 * and statuses only (the demo's records are made-up examples, but the habit is never to print profiles).
 */
import type { Emulator } from "../../src/emulator";

export function emulatorTable(emulator: Emulator): string {
  const id = emulator.identitySourceId;
  const users = emulator.users(id).map((u) => `${u.externalId} (${u.status})`);
  const groups = emulator.groups(id).map((g) => g.externalId);
  const memberships = emulator
    .groups(id)
    .flatMap((g) => emulator.memberships(id, g.id).map((member) => `${g.externalId} ∋ ${member}`));
  const sessions = emulator.sessions(id).map((s) => `${s.id} ${s.status}`);
  const rows: [string, string[]][] = [
    ["users", users],
    ["groups", groups],
    ["memberships", memberships],
    ["sessions", sessions],
  ];
  return [
    `What the emulator holds now (identity source ${id}):`,
    ...rows.map(
      ([kind, items]) => `  ${kind.padEnd(12)} ${String(items.length).padStart(2)}  ${items.join(", ")}`,
    ),
  ].join("\n");
}
