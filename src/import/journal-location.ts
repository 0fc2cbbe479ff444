import { isAbsolute, join } from "node:path";

/**
 * Where the session journal (`session-journal.ts`) lives on this machine, or that it is turned off. Pure over
 * the environment, the platform and the home directory, so every rule here is testable without touching disk.
 *
 * - `OKTA_IDENTITY_SOURCE_JOURNAL=off` (also `false`, `0`, `no`) turns it off: a rerun after a crash then
 *   treats its own left-over session like anyone else's (the stale rule).
 * - `OKTA_IDENTITY_SOURCE_JOURNAL_DIR` (an absolute path; a relative one is ignored) names the directory
 *   itself (tests, CI caches, read-only homes).
 * - Otherwise the user's cache directory: `$XDG_CACHE_HOME`, else `~/Library/Caches` on macOS,
 *   `%LOCALAPPDATA%` on Windows and `~/.cache` elsewhere; inside it `pulumi-okta-identity-source/sessions`.
 * A cache directory suits it: losing the journal costs only the old behaviour, never data.
 */

export const JOURNAL_SWITCH_ENV = "OKTA_IDENTITY_SOURCE_JOURNAL";
export const JOURNAL_DIR_ENV = "OKTA_IDENTITY_SOURCE_JOURNAL_DIR";

const OFF_VALUES = new Set(["off", "false", "0", "no"]);
const APP_DIR = "pulumi-okta-identity-source";

export interface JournalLocationInputs {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The user's home directory; empty when unknown. */
  home: string;
}

/** The journal's directory, or undefined when it is turned off or no cache directory can be found. */
export function journalDirectory({ env, platform, home }: JournalLocationInputs): string | undefined {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  const switchValue = value(JOURNAL_SWITCH_ENV);
  if (switchValue !== undefined && OFF_VALUES.has(switchValue.toLowerCase())) return undefined;
  const explicit = value(JOURNAL_DIR_ENV);
  // Only an absolute path: the provider's working directory is whatever the engine chose.
  if (explicit !== undefined && isAbsolute(explicit)) return explicit;
  const cacheRoot = userCacheRoot(value, platform, home);
  return cacheRoot === undefined ? undefined : join(cacheRoot, APP_DIR, "sessions");
}

function userCacheRoot(
  value: (name: string) => string | undefined,
  platform: NodeJS.Platform,
  home: string,
): string | undefined {
  // The XDG spec ignores a relative value; so do we (it would depend on the working directory).
  const xdg = value("XDG_CACHE_HOME");
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  if (platform === "win32") {
    const local = value("LOCALAPPDATA");
    if (local !== undefined && isAbsolute(local)) return local;
  }
  if (home === "" || !isAbsolute(home)) return undefined;
  return platform === "darwin" ? join(home, "Library", "Caches") : join(home, ".cache");
}
