import { applyUploads } from "./apply";
import type { Clock, Sleep } from "./clock";
import type { EmulatorState, SessionRecord, SourceState } from "./state";

/**
 * Runs triggered imports. Per identity source, imports run one at a time in trigger order (GUIDE: "multiple
 * triggered sessions are queued sequentially"); each takes `importDelayMs` of emulator-clock time, so a
 * session triggered while another is processing completes `delay` after that one. Completion is evaluated
 * lazily (before every request, on every manual-clock move) and, for any other clock, by a wake-up armed
 * with the emulator's `sleep` for the next due import.
 */

export interface ImportFailureSpec {
  /** Only this session; otherwise the next imports to complete, whichever they are. */
  sessionId?: string;
  /** @default 1 */
  times?: number;
}

export class ImportProcessor {
  private wakeUp: AbortController | undefined;
  private readonly failures: { sessionId?: string; remaining: number }[] = [];
  private stopped = false;

  constructor(
    private readonly state: EmulatorState,
    private readonly clock: Clock,
    private readonly delayMs: number,
    private readonly onChange: () => void,
    /** Arms the wake-up; undefined when clock moves wake us instead (a manual clock). */
    private readonly sleep: Sleep | undefined,
  ) {}

  /** The next imports (or the given session's) end in ERROR and apply nothing. */
  failNext(spec: ImportFailureSpec = {}): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError("failNextImport: times must be ≥ 1");
    this.failures.push(
      spec.sessionId === undefined ? { remaining: times } : { sessionId: spec.sessionId, remaining: times },
    );
  }

  /** Completes every import that is due by the clock. Returns the ids of sessions it finished. */
  runDue(): string[] {
    const done: string[] = [];
    const now = this.clock.now();
    for (const source of this.state.sources.values()) {
      for (const session of queueOf(source)) {
        const dueAt = Math.max(session.triggeredAt ?? 0, source.lastImportDoneAt) + this.delayMs;
        if (dueAt > now) break; // later ones queue behind this one
        this.finish(source, session, dueAt);
        done.push(session.id);
      }
    }
    if (done.length > 0) this.onChange();
    this.schedule();
    return done;
  }

  /** Completes every triggered import now, whatever the delay (tests drive imports deterministically). */
  processAll(): string[] {
    const done: string[] = [];
    const now = this.clock.now();
    for (const source of this.state.sources.values()) {
      for (const session of queueOf(source)) {
        this.finish(source, session, Math.max(now, source.lastImportDoneAt));
        done.push(session.id);
      }
    }
    if (done.length > 0) this.onChange();
    this.schedule();
    return done;
  }

  /** Arms a wake-up for the next due import (a clock that is not manual has no other way to wake us). */
  schedule(): void {
    this.wakeUp?.abort();
    this.wakeUp = undefined;
    if (this.stopped || !this.sleep) return;
    let next = Infinity;
    for (const source of this.state.sources.values()) {
      const first = queueOf(source)[0];
      if (first)
        next = Math.min(next, Math.max(first.triggeredAt ?? 0, source.lastImportDoneAt) + this.delayMs);
    }
    if (next === Infinity) return;
    const wait = Math.max(0, Math.min(next - this.clock.now(), 2 ** 31 - 1));
    const wakeUp = new AbortController();
    this.wakeUp = wakeUp;
    this.sleep(wait, wakeUp.signal).then(
      () => {
        if (this.wakeUp === wakeUp) this.runDue();
      },
      () => undefined, // replaced by a newer wake-up, or stopped
    );
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp?.abort();
    this.wakeUp = undefined;
  }

  private finish(source: SourceState, session: SessionRecord, at: number): void {
    if (this.takeFailure(session.id)) {
      session.status = "ERROR";
    } else {
      session.report = applyUploads(source, session.uploads, at);
      session.status = "COMPLETED";
    }
    session.uploads = [];
    session.finishedAt = at;
    session.lastUpdatedAt = at;
    source.lastImportDoneAt = at;
  }

  private takeFailure(sessionId: string): boolean {
    const index = this.failures.findIndex((f) => f.sessionId === undefined || f.sessionId === sessionId);
    const failure = this.failures[index];
    if (!failure) return false;
    failure.remaining -= 1;
    if (failure.remaining === 0) this.failures.splice(index, 1);
    return true;
  }
}

/** TRIGGERED sessions of a source in trigger order. */
function queueOf(source: SourceState): SessionRecord[] {
  return source.sessions
    .filter((s) => s.status === "TRIGGERED")
    .sort((a, b) => (a.triggeredAt ?? 0) - (b.triggeredAt ?? 0));
}
