import type { OktaClient } from "../client/types";

// How long to wait before looking at a triggered session again: a tenth of the time it has run plus just under
// a second, up to the poll interval, so a finished import is seen at most about 10 % + 1 s late (doubling from
// 0.5 s would see a 20 s import only at 25.5 s). Polls share the rate-limit bucket: under half of it left,
// they wait for the ceiling or the window's reset, leaving the rest to requests that change things.

/** Added to every wait: under a second, leaving room for the GET's own round trip. */
export const POLL_SLACK_MS = 900;
/** Share of the time already run added to each wait. */
export const POLL_GROWTH = 0.1;
/** Below this share of the bucket left, polls go no faster than the ceiling (or the reset). */
export const LOW_HEADROOM = 0.5;

/** `elapsedMs`: since the session was triggered (or following began); `ceilingMs`: the poll interval. */
export function nextPollDelay(
  elapsedMs: number,
  ceilingMs: number,
  headroom: ReturnType<OktaClient["rateLimitHeadroom"]>,
): number {
  const fast = Math.min(ceilingMs, Math.round(POLL_SLACK_MS + POLL_GROWTH * Math.max(0, elapsedMs)));
  if (headroom === undefined || headroom.share >= LOW_HEADROOM) return fast;
  return Math.min(ceilingMs, Math.max(fast, headroom.resetInMs));
}
