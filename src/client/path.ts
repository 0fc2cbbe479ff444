import { pathSegmentProblem } from "../schemas/path-ids";

/** The one place where ids become URL paths: each value must fill exactly one segment (not `..`, `a/b`). */

export type PathParams = Readonly<Record<string, string>>;

/** Fills `{name}` placeholders with the URL-encoded values. @throws TypeError for a value that is not one segment. */
export function fillPath(operation: string, template: string, params: PathParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (typeof value !== "string") throw new TypeError(`${operation}: ${name} is required`);
    const problem = pathSegmentProblem(value);
    if (problem !== undefined) throw new TypeError(`${operation}: ${name} ${problem}`);
    return encodeURIComponent(value);
  });
}

/** The path of a path-and-query (or absolute URL) as written, before any URL parser touched it. */
export function writtenPath(pathOrUrl: string): string {
  const withoutOrigin = pathOrUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const end = withoutOrigin.search(/[?#]/);
  return end === -1 ? withoutOrigin : withoutOrigin.slice(0, end);
}

/** A URL parser may resolve dot segments, turn `\` into `/` or re-encode: that would reach another resource. */
export function assertUnchangedByUrl(operation: string, method: string, pathOrUrl: string, url: URL): void {
  const written = writtenPath(pathOrUrl);
  if (url.pathname !== written)
    throw new TypeError(
      `${operation}: refusing to send ${method} ${written}: as a URL it becomes ${url.pathname}, another resource`,
    );
}
