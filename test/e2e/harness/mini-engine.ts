/**
 * A "mini engine": runs a Pulumi program under `setMocks` from the
 * FIXTURE's `@pulumi/pulumi` and sends every dynamic resource to the real provider host, keeping state
 * between runs like `pulumi up` would.
 *
 * What it does: per registered `pulumi-nodejs:dynamic/...` resource, strip secret wrappers, Check (failures
 * fail the run), then Create, or Diff → Same / Update / Replace (create-before-delete, or delete-before-
 * replace when the diff or the resource option asks), with `DIFF_UNKNOWN` falling back to comparing old and
 * new inputs as the engine does. A resource left half-created (ErrorResourceInitFailed) is kept in state with
 * its init errors and updated on the next run. After a successful program, resources it no longer declares are
 * deleted (newest first). Outputs become secret when the input of the same name was secret or the resource
 * asked for `additionalSecretOutputs` (seen by wrapping the mock monitor's `registerResource`, internal API).
 * `refresh()` calls Read for every resource and drops those whose id comes back empty.
 *
 * What it does NOT emulate: preview and unknown values; a real step graph (resources are sent to the host as
 * the SDK registers them, concurrently when independent, and a resource waits only for the outputs it uses;
 * deletes run one by one, newest first); ignoreChanges, replaceOnChanges, protect, retainOnDelete, aliases,
 * custom timeouts, import, `.get()`, providers other than the default `pulumi-nodejs` one, non-dynamic
 * resources (echoed back as-is), and stack-output secrecy. Test those by asserting on what our provider
 * returns, not by growing this file.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { containsSecret, HostCallError, secret, unwrapSecrets, type ProviderHost, type Props } from "./host";

export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** Checked inputs as last sent to the provider (incl. `__provider`), secrets unwrapped. */
  inputs: Props;
  /** Outputs as the provider returned them, secrets unwrapped. */
  outputs: Props;
  /** Input names the program passed as secrets (the engine stores them encrypted). */
  secretInputs: string[];
  /** Output names the engine would store as secrets. */
  secretOutputs: string[];
  /** Set when create/update reported ErrorResourceInitFailed. */
  initErrors?: string[];
}
/** State between runs, keyed by URN, in registration order. */
export type EngineState = Map<string, ResourceState>;

export type OperationKind = "create" | "update" | "replace" | "same" | "delete";
export interface Operation {
  op: OperationKind;
  urn: string;
  name: string;
}

export interface RunResult {
  operations: Operation[];
  /** What the program returned, resolved (like `pulumi stack output`). */
  stackOutputs: Record<string, unknown>;
  /** The serialized `__provider` text, per resource type token. */
  providerText: Map<string, string>;
}

export interface RunOptions {
  host: ProviderHost;
  state: EngineState;
  projectDir: string;
  /** @default "ois-e2e" (match the host's PULUMI_NODEJS_PROJECT) */
  project?: string;
  /** @default "test" */
  stack?: string;
  /** Called as each resource operation finishes (what `pulumi up` shows live). */
  onOperation?: (operation: Operation) => void;
}

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Pulumi runtime internals are untyped here

/**
 * Runs `program` once, like `pulumi up --yes --skip-preview`. Configure the host first (`host.configure`, as
 * the engine sends stack config). Rejects with `program failed:` and every failure message when the run fails;
 * the error also carries `errors`, `operations` and `providerText`.
 */
export async function runProgram(
  program: () => unknown,
  { host, state, projectDir, project = "ois-e2e", stack = "test", onOperation }: RunOptions,
): Promise<RunResult> {
  // The fixture's SDK (the one our packed package resolves), never this repo's copy by accident.
  const sdk = (path: string): Any =>
    createRequire(join(projectDir, "package.json"))(`@pulumi/pulumi/${path}`);
  const pulumi = sdk("index.js");
  const operations: Operation[] = [];
  const providerText = new Map<string, string>();
  const seen = new Set<string>();
  const errors: unknown[] = [];
  const registrations = new Map<string, Any>();

  const newResource = async (args: { type: string; name: string; inputs: Props; custom: boolean }) => {
    if (!args.type.startsWith("pulumi-nodejs:dynamic")) {
      return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
    }
    const req = registrations.get(`${args.type}::${args.name}`);
    const urn = monitor.newUrn(req?.getParent(), args.type, args.name) as string;
    seen.add(urn);
    try {
      return await apply(urn, args, req);
    } catch (error) {
      errors.push(error);
      throw error;
    }
  };

  const apply = async (urn: string, args: { type: string; name: string; inputs: Props }, req: Any) => {
    const secretInputs = Object.keys(args.inputs).filter((key) => containsSecret(args.inputs[key]));
    const news = unwrapSecrets(args.inputs) as Props;
    providerText.set(args.type, String(news["__provider"]));
    const prior = state.get(urn);
    const checked = await host.check(urn, prior?.inputs ?? {}, news);
    if (checked.failures.length > 0) {
      const list = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
      throw new Error(`check failed for ${args.name}: ${list}`);
    }
    const inputs = checked.inputs;
    const secrets = new Set<string>([
      ...secretInputs,
      ...((req?.getAdditionalsecretoutputsList() ?? []) as string[]),
    ]);
    // As the engine's step executor, which marks them on a partial failure's outputs too.
    const secretOutputsOf = (outputs: Props) => Object.keys(outputs).filter((k) => secrets.has(k));
    const record = (op: OperationKind, id: string, outputs: Props) => {
      const entry = {
        urn,
        type: args.type,
        name: args.name,
        id,
        inputs,
        outputs,
        secretInputs,
        secretOutputs: secretOutputsOf(outputs),
      };
      state.set(urn, entry);
      const operation = { op, urn, name: args.name };
      operations.push(operation);
      onOperation?.(operation);
      const wrapped = Object.fromEntries(
        Object.entries(outputs).map(([k, v]) => [k, secrets.has(k) ? secret(v) : v]),
      );
      return { id, state: wrapped };
    };
    const create = async () => {
      try {
        return await host.create(urn, inputs);
      } catch (error) {
        if (error instanceof HostCallError && error.initFailure !== undefined) {
          const { id, properties, reasons } = error.initFailure;
          state.set(urn, {
            urn,
            type: args.type,
            name: args.name,
            id,
            inputs,
            outputs: properties,
            secretInputs,
            secretOutputs: secretOutputsOf(properties),
            initErrors: reasons,
          });
        }
        throw error;
      }
    };

    if (prior === undefined) {
      const created = await create();
      return record("create", created.id, created.properties);
    }
    const diff = await host.diff(urn, prior.id, prior.outputs, inputs);
    const changed =
      diff.changes === "some" ||
      prior.initErrors !== undefined ||
      (diff.changes === "unknown" && JSON.stringify(prior.inputs) !== JSON.stringify(inputs));
    if (!changed) return record("same", prior.id, prior.outputs);
    if (diff.changes === "some" && diff.replaces.length > 0) {
      const deleteFirst = diff.deleteBeforeReplace || req?.getDeletebeforereplace() === true;
      if (deleteFirst) await host.delete(urn, prior.id, prior.outputs);
      const created = await create();
      if (!deleteFirst) await host.delete(urn, prior.id, prior.outputs);
      return record("replace", created.id, created.properties);
    }
    try {
      const updated = await host.update(urn, prior.id, prior.outputs, inputs);
      return record("update", prior.id, updated.properties);
    } catch (error) {
      if (error instanceof HostCallError && error.initFailure !== undefined)
        state.set(urn, {
          ...prior,
          inputs,
          outputs: error.initFailure.properties,
          secretOutputs: secretOutputsOf(error.initFailure.properties),
          initErrors: error.initFailure.reasons,
        });
      throw error;
    }
  };

  await pulumi.runtime.setMocks({ newResource, call: () => ({}) }, project, stack, false);
  const monitor = sdk("runtime/settings.js").getMonitor();
  // Keep each RegisterResourceRequest: mocks only see type/name/inputs, not the resource options.
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: Any, callback: Any) => {
    registrations.set(`${request.getType()}::${request.getName()}`, request);
    register(request, callback);
  };

  // A failed registration rejects every output of that resource; nobody awaits most of them. Count those
  // rejections as part of this run instead of letting them surface as unrelated crashes.
  // The SDK re-wraps our errors ("failed to register new resource …: <ours>"): keep each failure once.
  const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const note = (e: unknown) => {
    if (!errors.some((known) => known === e || messageOf(e).includes(messageOf(known)))) errors.push(e);
  };
  const onRejection = note;
  process.on("unhandledRejection", onRejection);
  let stackOutputs: Record<string, unknown> = {};
  try {
    try {
      stackOutputs = ((await sdk("runtime/stack.js").runInPulumiStack(program)) ?? {}) as Record<
        string,
        unknown
      >;
    } catch (error) {
      note(error);
    }
    await sdk("runtime/settings.js")
      .waitForRPCs()
      .catch((error: unknown) => void errors.push(error));
    await new Promise((done) => setImmediate(done));
    await new Promise((done) => setImmediate(done));
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  if (errors.length > 0) {
    const messages = errors.map(messageOf);
    // What happened before the failure stays inspectable (state is already updated in place).
    throw Object.assign(new Error(`program failed:\n${messages.join("\n")}`), {
      errors,
      operations,
      providerText,
    });
  }

  for (const entry of [...state.values()].reverse()) {
    if (seen.has(entry.urn)) continue;
    await host.delete(entry.urn, entry.id, entry.outputs);
    state.delete(entry.urn);
    const operation = { op: "delete" as const, urn: entry.urn, name: entry.name };
    operations.push(operation);
    onOperation?.(operation);
  }
  return { operations, stackOutputs: unwrapSecrets(stackOutputs) as Record<string, unknown>, providerText };
}

/** `pulumi refresh`: Read every resource; an empty id means it is gone and leaves state. */
export async function refresh(
  state: EngineState,
  { host }: { host: ProviderHost },
): Promise<{ urn: string; op: "read" | "drop" }[]> {
  const result: { urn: string; op: "read" | "drop" }[] = [];
  for (const entry of [...state.values()]) {
    const read = await host.read(entry.urn, entry.id, entry.outputs, entry.inputs);
    if (read.id === "") {
      state.delete(entry.urn);
      result.push({ urn: entry.urn, op: "drop" });
      continue;
    }
    state.set(entry.urn, {
      ...entry,
      id: read.id,
      outputs: read.properties,
      inputs: read.inputs ?? entry.inputs,
    });
    result.push({ urn: entry.urn, op: "read" });
  }
  return result;
}
