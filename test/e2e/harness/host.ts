/**
 * Drives Pulumi's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, what the CLI launches
 * for `pulumi-nodejs`) over gRPC, the way the engine does.
 * Calls take and return plain JS objects; Struct conversion and the secret/unknown sentinels are handled
 * here. The gRPC stubs come from the fixture's own `@pulumi/pulumi`, so `@grpc/grpc-js` and
 * `google-protobuf` are the instances the host itself uses.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** Pulumi's wire sentinels (SDK `runtime/rpc.js`). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function secret(value: unknown): Record<string, unknown> {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}
export function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG
  );
}
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}
/** Strips secret wrappers at any depth (what the engine does before calling a host with acceptSecrets=false). */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

export type Props = Record<string, unknown>;
export interface CheckFailure {
  property: string;
  reason: string;
}
export interface DiffResult {
  changes: "unknown" | "none" | "some";
  replaces: string[];
  deleteBeforeReplace: boolean;
}
/** Decoded `pulumirpc.ErrorResourceInitFailed`: the resource exists but failed to initialise. */
export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

/** A failed host call: gRPC code and details, plus the partial-creation detail for create/update. */
export class HostCallError extends Error {
  override readonly name = "HostCallError";
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
    readonly initFailure?: InitFailure,
  ) {
    super(`${method} failed (gRPC ${code}): ${details}`);
  }
}

export interface ProviderHost {
  readonly port: number;
  configure(
    config: Record<string, string>,
    secretKeys?: readonly string[],
  ): Promise<{ acceptSecrets: boolean }>;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }>;
  diff(urn: string, id: string, olds: Props, news: Props): Promise<DiffResult>;
  create(urn: string, properties: Props): Promise<{ id: string; properties: Props }>;
  read(
    urn: string,
    id: string,
    properties: Props,
    inputs?: Props,
  ): Promise<{ id: string; properties: Props; inputs?: Props }>;
  update(urn: string, id: string, olds: Props, news: Props): Promise<{ properties: Props }>;
  delete(urn: string, id: string, properties: Props): Promise<void>;
  /**
   * SIGKILLs the host's process group, as a crash would, and resolves once it has exited. Calls in flight
   * then fail like the engine's would; the client stays open until `stop()`.
   */
  kill(): Promise<void>;
  /** Every stdout/stderr line after the port line, in arrival order (`stderr: ` prefixed for stderr). */
  output(): string[];
  stop(): Promise<void>;
}

export interface StartHostOptions {
  projectDir: string;
  /** `PULUMI_NODEJS_PROJECT`; stack config keys without a namespace resolve under it. @default "ois-e2e" */
  projectName?: string;
  /**
   * Added to the host's environment. The base is this process's environment WITHOUT any `OKTA_*` variable,
   * so a developer's real credentials never reach a test, and with the session journal turned off.
   */
  env?: Record<string, string>;
  /** Called with each line the host prints after its port, as it arrives (what `pulumi up` shows live). */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the generated stubs are untyped JS

/** Spawns the host and connects to it. Kill it with `stop()` (it does not exit on its own). */
export async function startProviderHost(options: StartHostOptions): Promise<ProviderHost> {
  // The real path: the fixture may link the SDK from elsewhere (`npm run test:compat`), and its gRPC modules must
  // resolve beside it, not from the project's other links.
  const sdkDir = realpathSync(join(options.projectDir, "node_modules", "@pulumi", "pulumi"));
  const sdkRequire = createRequire(join(sdkDir, "package.json"));
  const grpc = sdkRequire("@grpc/grpc-js");
  const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb");
  const provider = sdkRequire("./proto/provider_pb");
  const { ResourceProviderClient } = sdkRequire("./proto/provider_grpc_pb");
  const { Status } = sdkRequire("./proto/status_pb");

  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OKTA_")));
  // detached: the host is a process-group leader, so stop() can kill it and anything it spawned.
  const child = spawn(
    process.execPath,
    [join(sdkDir, "cmd", "dynamic-provider", "index.js"), "127.0.0.1:1"],
    {
      cwd: options.projectDir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...baseEnv,
        PULUMI_NODEJS_PROJECT: options.projectName ?? "ois-e2e",
        // Tests never write the session journal into the developer's cache; the crash test turns it on.
        OKTA_IDENTITY_SOURCE_JOURNAL: "off",
        ...options.env,
      },
    },
  );
  const lines: string[] = [];
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const killGroup = (): void => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };
  const kill = async (): Promise<void> => {
    killGroup();
    await exited;
  };
  let port: number;
  let client: Any;
  try {
    port = await new Promise<number>((resolvePort, reject) => {
      let first = true;
      createInterface({ input: child.stdout }).on("line", (line) => {
        if (!first) {
          lines.push(line);
          return void options.onLine?.(line, "stdout");
        }
        first = false;
        const n = Number(line.trim());
        if (Number.isInteger(n) && n > 0) resolvePort(n);
        else reject(new Error(`dynamic-provider host printed ${JSON.stringify(line)} instead of a port`));
      });
      createInterface({ input: child.stderr }).on("line", (line) => {
        lines.push(`stderr: ${line}`);
        options.onLine?.(line, "stderr");
      });
      child.once("exit", (code) =>
        reject(
          new Error(`dynamic-provider host exited (${code}) before printing its port:\n${lines.join("\n")}`),
        ),
      );
    });
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  } catch (error) {
    killGroup(); // Not left running when the host or the stubs fail to start.
    throw error;
  }

  const struct = (value: Props): Any => Struct.fromJavaScript(value);
  const call = <T>(method: string, request: Any): Promise<T> =>
    new Promise((resolveCall, reject) => {
      client[method](request, (error: Any, response: T) => {
        if (!error) return resolveCall(response);
        const detailBin = error.metadata?.get("grpc-status-details-bin")?.[0] as Buffer | undefined;
        reject(new HostCallError(method, error.code as number, String(error.details), decodeInit(detailBin)));
      });
    });
  const decodeInit = (bin: Buffer | undefined): InitFailure | undefined => {
    if (bin === undefined) return undefined;
    for (const detail of Status.deserializeBinary(bin).getDetailsList() as Any[]) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const init = provider.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      return {
        id: init.getId(),
        properties: init.getProperties()?.toJavaScript() ?? {},
        reasons: init.getReasonsList(),
      };
    }
    return undefined;
  };
  const request = (type: string, fields: Record<string, unknown>): Any => {
    const req = new provider[type]();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) req[`set${key}`](value);
    return req;
  };
  // Every resource request names its target the same way: URN, and the type and name parsed from it.
  const target = (urn: string) => ({
    Urn: urn,
    Type: urn.split("::")[2] ?? "",
    Name: urn.split("::")[3] ?? "",
  });
  const CHANGES = ["unknown", "none", "some"] as const;

  return {
    port,
    async configure(config, secretKeys = []) {
      const args = Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? secret(v) : v]),
      );
      const res = await call<Any>(
        "configure",
        request("ConfigureRequest", { Args: struct(args), Acceptsecrets: true, Acceptresources: true }),
      );
      return { acceptSecrets: res.getAcceptsecrets() as boolean };
    },
    async check(urn, olds, news) {
      const res = await call<Any>(
        "check",
        request("CheckRequest", {
          ...target(urn),
          Olds: struct(olds),
          News: struct(news),
        }),
      );
      const failures = (res.getFailuresList() as Any[]).map((f) => ({
        property: f.getProperty(),
        reason: f.getReason(),
      }));
      return { inputs: res.getInputs()?.toJavaScript() ?? {}, failures };
    },
    async diff(urn, id, olds, news) {
      const res = await call<Any>(
        "diff",
        request("DiffRequest", {
          ...target(urn),
          Id: id,
          Olds: struct(olds),
          News: struct(news),
        }),
      );
      return {
        changes: CHANGES[res.getChanges() as 0 | 1 | 2],
        replaces: res.getReplacesList() as string[],
        deleteBeforeReplace: res.getDeletebeforereplace() as boolean,
      };
    },
    async create(urn, properties) {
      const res = await call<Any>(
        "create",
        request("CreateRequest", {
          ...target(urn),
          Properties: struct(properties),
        }),
      );
      return { id: res.getId() as string, properties: res.getProperties()?.toJavaScript() ?? {} };
    },
    async read(urn, id, properties, inputs) {
      const res = await call<Any>(
        "read",
        request("ReadRequest", {
          ...target(urn),
          Id: id,
          Properties: struct(properties),
          Inputs: inputs === undefined ? undefined : struct(inputs),
        }),
      );
      const returnedInputs = res.getInputs()?.toJavaScript() as Props | undefined;
      return {
        id: res.getId() as string,
        properties: res.getProperties()?.toJavaScript() ?? {},
        ...(returnedInputs === undefined ? {} : { inputs: returnedInputs }),
      };
    },
    async update(urn, id, olds, news) {
      const res = await call<Any>(
        "update",
        request("UpdateRequest", {
          ...target(urn),
          Id: id,
          Olds: struct(olds),
          News: struct(news),
        }),
      );
      return { properties: res.getProperties()?.toJavaScript() ?? {} };
    },
    async delete(urn, id, properties) {
      await call(
        "delete",
        request("DeleteRequest", {
          ...target(urn),
          Id: id,
          Properties: struct(properties),
        }),
      );
    },
    output: () => [...lines],
    kill,
    async stop() {
      client.close();
      await kill();
    },
  };
}
