/**
 * How long to wait before looking at a triggered session again: quickly at first, then slower as the import
 * runs longer, up to the configured interval (`pollIntervalSeconds`, the ceiling).
 *
 * Each wait is a tenth of the time the import has run so far plus just under a second, so a finished import
 * is seen at most about 10 % + 1 s after it finished (0.9 s, 1.0 s, 1.1 s, … until the ceiling, reached
 * after about 90 s at the default 10 s). Doubling from 0.5 s would look less often but can see a 2 s import
 * only at 3.5 s and a 20 s import only at 25.5 s.
 *
 * Polls spend the same rate-limit bucket as everything else: when less than half of the current window's
 * budget is left (as the client last saw it), polls wait for the ceiling, or for the window's reset when
 * that comes sooner (a new window has its whole budget), and leave the rest to the requests that change
 * things.
 */

/** The client's view of the rate-limit window (`OktaClient.rateLimitHeadroom`). */
export interface Headroom {
  /** Share (0–1) of the window's budget left. */
  share: number;
  /** Until the window resets. */
  resetInMs: number;
}

/** Added to every wait: under a second, leaving room for the GET's own round trip. */
export const POLL_SLACK_MS = 900;
/** Share of the time already run added to each wait. */
export const POLL_GROWTH = 0.1;
/** Below this share of the bucket left, polls go no faster than the ceiling (or the reset). */
export const LOW_HEADROOM = 0.5;

/**
 * @param elapsedMs time since the session was triggered (or since following began)
 * @param ceilingMs the configured poll interval
 * @param headroom the rate-limit window, when known
 */
export function nextPollDelay(elapsedMs: number, ceilingMs: number, headroom: Headroom | undefined): number {
  const fast = Math.min(ceilingMs, Math.round(POLL_SLACK_MS + POLL_GROWTH * Math.max(0, elapsedMs)));
  if (headroom === undefined || headroom.share >= LOW_HEADROOM) return fast;
  return Math.min(ceilingMs, Math.max(fast, headroom.resetInMs));
}
