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
  const switchValue = env[JOURNAL_SWITCH_ENV]?.trim().toLowerCase();
  if (switchValue !== undefined && OFF_VALUES.has(switchValue)) return undefined;
  // Only an absolute path: the provider's working directory is whatever the engine chose. The XDG spec ignores a
  // relative XDG_CACHE_HOME too.
  const absolute = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value && isAbsolute(value) ? value : undefined;
  };
  const explicit = absolute(JOURNAL_DIR_ENV);
  if (explicit !== undefined) return explicit;
  const cacheRoot =
    absolute("XDG_CACHE_HOME") ??
    (platform === "win32" ? absolute("LOCALAPPDATA") : undefined) ??
    (isAbsolute(home)
      ? join(home, ...(platform === "darwin" ? ["Library", "Caches"] : [".cache"]))
      : undefined);
  return cacheRoot === undefined ? undefined : join(cacheRoot, APP_DIR, "sessions");
}
