import { InvalidResponseError, type InvalidResponseErrorDetails } from "./errors";
import type { SendResponse } from "./send";

/** Okta's `Link: <https://…?after=X&limit=N>; rel="next"` (RFC 8288). */

/** Tolerates several headers joined with ", " and quoted params. */
export function parseLinkHeader(value: string | undefined) {
  // Each link is `<url>` followed by its parameters up to the next `<` (a URL cannot contain `<`).
  return [...(value ?? "").matchAll(/<([^>]*)>([^<]*)/g)].map((match) => ({
    url: match[1] ?? "",
    rels: [...(match[2] ?? "").matchAll(/;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/gi)].flatMap((p) =>
      (p[1] ?? p[2] ?? "").toLowerCase().split(/\s+/).filter(Boolean),
    ),
  }));
}

// The next page's path+query, or undefined on the last page. A link to another origin is an error
// (following it would send our token elsewhere; stopping would silently truncate).
export function nextPagePath(
  linkHeader: string | undefined,
  currentUrl: string,
  orgUrl: string,
  context: Omit<InvalidResponseErrorDetails, "issues">,
): string | undefined {
  const next = parseLinkHeader(linkHeader).find((l) => l.rels.includes("next"));
  if (!next) return undefined;
  const linkError = (code: string) =>
    new InvalidResponseError({ ...context, issues: [{ path: "Link", code }] });
  if (!URL.canParse(next.url, currentUrl)) throw linkError("invalid_next_link");
  const resolved = new URL(next.url, currentUrl);
  if (resolved.origin !== new URL(orgUrl).origin) throw linkError("cross_origin_next_link");
  return `${resolved.pathname}${resolved.search}`;
}

/** Every page's response. A link that repeats a page already fetched stops with an error, not a loop forever. */
export async function* paginate(
  firstPath: string,
  orgUrl: string,
  operation: string,
  fetchPage: (path: string) => Promise<SendResponse>,
): AsyncGenerator<SendResponse, void, undefined> {
  const seen = new Set<string>();
  let path: string | undefined = firstPath;
  while (path !== undefined) {
    const url = new URL(path, orgUrl).href;
    if (seen.has(url)) {
      throw new InvalidResponseError({
        method: "GET",
        path: new URL(url).pathname,
        status: 200,
        operation,
        issues: [{ path: "Link", code: "pagination_loop" }],
      });
    }
    seen.add(url);
    const res = await fetchPage(path);
    yield res;
    const { status, requestId } = res;
    const context = { method: "GET", path: res.path, status, requestId, operation };
    path = nextPagePath(res.headers["link"], url, orgUrl, context);
  }
}
