/** What the demo hands each way of running the program, and what it gets back. */
export interface DemoSettings {
  /** The root project's program (`examples/index.ts`). */
  programPath: string;
  orgUrl: string;
  apiToken: string;
  identitySourceId: string;
  /** Where progress goes, as it happens. */
  write: (text: string) => void;
}

export interface DemoRun {
  /** Stack outputs, resolved (like `pulumi stack output --json`). */
  outputs: Record<string, unknown>;
}
