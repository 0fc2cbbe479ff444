#!/usr/bin/env node
/**
 * `okta-identity-source-emulator`: runs the emulator until interrupted and prints how to point a Pulumi stack
 * at it. The token it prints is a local test token, useless anywhere else.
 */
import { parseArgs } from "node:util";
import { startEmulator, type Emulator, type EmulatorOptions } from "./index";
import { SESSION_COOLDOWN_RULES, type SessionCooldownRule } from "./options";

const USAGE = `Usage: okta-identity-source-emulator [options]
  --port N                 port to listen on (default 8080; 0 = any free port)
  --host H                 address to bind (default 127.0.0.1)
  --token T                API token to accept as "SSWS T" (default: random)
  --identity-source-id ID  identity source id (repeatable; default: one random 0oa… id)
  --state-file F           keep the org (and a generated token) in this JSON file, so a restart
                           sees the same data and accepts the same token
  --log                    print one line per request: method, path, status, milliseconds
  --cooldown-seconds N     Okta's five-minute rule, in seconds (default 300; 0 disables it)
  --cooldown-rule R        strict (default: no new session within the cooldown of any session's
                           creation or trigger, whatever its status) or lenient (only of an active one)
  --import-delay-ms N      time from start-import to COMPLETED (default 50)
  --rate-limit N/S         answer 429 after N requests per S seconds per bucket (default: off)
  --help`;

function fail(message: string): never {
  console.error(`okta-identity-source-emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function whole(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) fail(`--${name} must be a whole number`);
  return Number(raw);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        token: { type: "string" },
        "identity-source-id": { type: "string", multiple: true },
        "state-file": { type: "string" },
        "cooldown-seconds": { type: "string" },
        "cooldown-rule": { type: "string" },
        "import-delay-ms": { type: "string" },
        "rate-limit": { type: "string" },
        log: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: EmulatorOptions = { port: whole("port", values.port) ?? 8080 };
  if (values.host !== undefined) options.host = values.host;
  if (values.token !== undefined) options.apiToken = values.token;
  if (values["identity-source-id"] !== undefined) options.identitySourceIds = values["identity-source-id"];
  if (values["state-file"] !== undefined) options.stateFile = values["state-file"];
  const cooldown = whole("cooldown-seconds", values["cooldown-seconds"]);
  if (cooldown !== undefined) options.sessionCooldownSeconds = cooldown;
  const rule = values["cooldown-rule"];
  if (rule !== undefined) {
    if (!(SESSION_COOLDOWN_RULES as readonly string[]).includes(rule))
      fail(`--cooldown-rule must be one of ${SESSION_COOLDOWN_RULES.join(", ")}`);
    options.sessionCooldownRule = rule as SessionCooldownRule;
  }
  const delay = whole("import-delay-ms", values["import-delay-ms"]);
  if (delay !== undefined) options.importDelayMs = delay;
  if (values["rate-limit"] !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(values["rate-limit"]);
    if (!match) fail("--rate-limit must look like 15/60 (requests per seconds)");
    options.rateLimit = { limit: Number(match[1]), windowSeconds: Number(match[2]) };
  }

  if (values.log) {
    // Method, path, status and time only: never headers, query strings or bodies.
    options.onRequest = (entry, elapsedMs) =>
      console.log(`${entry.method} ${entry.path} ${entry.status} ${Math.round(elapsedMs)}ms`);
  }

  const emulator = await listen(options);
  console.log(`Okta Identity Sources emulator listening on ${emulator.url}`);
  console.log(`  org URL:             ${emulator.url}`);
  console.log(`  API token:           ${emulator.apiToken}   (a local test token for this emulator only)`);
  console.log(`  identity source id:  ${emulator.identitySourceIds.join(", ")}`);
  console.log("Point a Pulumi stack at it (the examples read the identity source id from the third key):");
  console.log(`  pulumi config set okta:orgUrl ${emulator.url}`);
  console.log(`  pulumi config set --secret okta:apiToken ${emulator.apiToken}`);
  console.log(
    `  pulumi config set okta-identity-source-examples:identitySourceId ${emulator.identitySourceId}`,
  );
  console.log("Press Ctrl-C to stop.");

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** Starts the emulator; a port someone else holds fails with what to do about it. */
async function listen(options: EmulatorOptions): Promise<Emulator> {
  try {
    return await startEmulator(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== "EADDRINUSE") throw error;
    console.error(
      `okta-identity-source-emulator: port ${options.port} is already in use; ` +
        "choose another with --port N, or --port 0 for any free port",
    );
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`okta-identity-source-emulator: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
