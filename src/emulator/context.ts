import type { Clock } from "./clock";
import type { FaultQueue } from "./faults";
import type { Reply } from "./http-io";
import type { ImportProcessor } from "./imports";
import type { OAuthServer } from "./oauth";
import type { RequestLogEntry, ResolvedOptions } from "./options";
import type { RateLimiter } from "./rate-limit";
import type { EmulatorState, SourceState } from "./state";

/** Everything the handlers share. */
export interface EmulatorCore {
  readonly options: ResolvedOptions;
  readonly clock: Clock;
  readonly state: EmulatorState;
  readonly imports: ImportProcessor;
  readonly faults: FaultQueue;
  readonly rateLimiter: RateLimiter;
  readonly oauth: OAuthServer;
  readonly requests: RequestLogEntry[];
  /** `http://host:port`, set once listening. */
  url: string;
  /** The identity source, or 404 E0000007 (docs/okta-api.md#session-errors). */
  source(id: string): SourceState;
  /** Saves the state file if anything changed since the last save. */
  persist(): void;
}

export interface HandlerContext {
  readonly core: EmulatorCore;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly pathname: string;
  readonly body: Buffer;
  /** Emulator-clock time of the request. */
  readonly now: number;
  /** Origin used in `Link` headers: the `Host` the client used, else the emulator URL. */
  readonly origin: string;
}

export type Handler = (ctx: HandlerContext) => Reply;
