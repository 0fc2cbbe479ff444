import { isAbsolute, join } from "node:path";

// Where the session journal lives (pure over the environment, platform and home). A cache directory suits it:
// losing the journal costs only the stale rule's wait, never data.

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
