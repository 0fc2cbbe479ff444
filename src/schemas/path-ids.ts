// Ids that become a URL path segment. URL parsers resolve `.`/`..` (also `%2e`): `DELETE …/groups/ENG/membership/..`
// is `DELETE …/groups/ENG/`. Servers and proxies may decode more than once, so the rules look at the id after
// repeated percent-decoding. One rule for `check`, the lookups and the client (`docs/input-rules.md`).

/** Enough rounds for any id a user writes; a deeper encoding is refused as a dot segment would be. */
const MAX_DECODE_ROUNDS = 4;

/** Percent-decoded until nothing changes; lenient (`%zz` stays): it only feeds the rules below. */
function repeatedlyDecoded(value: string): string {
  let current = value;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next = current.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (next === current) return current;
    current = next;
  }
  return current;
}

export const DOT_SEGMENT_REASON =
  'must not be "." or ".." (nor a percent-encoded form such as %2e%2e): in a URL it names another resource';

export const PATH_SEPARATOR_REASON =
  'must not contain "/" or "\\" (nor %2F or %5C): this id goes into a URL path, where it would name another resource';

export const EMPTY_ID_REASON = "must not be empty";

/** `.` or `..`, also percent-encoded (`%2e`, `.%2E`, `%252e%252e`). */
export function isDotSegment(value: string): boolean {
  const decoded = repeatedlyDecoded(value);
  return decoded === "." || decoded === "..";
}

/** Contains `/` or `\` (WHATWG URLs treat `\` as `/`), also percent-encoded. */
export function hasPathSeparator(value: string): boolean {
  return /[/\\]/.test(repeatedlyDecoded(value));
}

/** Why `value` cannot be one segment of a URL path, or undefined when it can. */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === "") return EMPTY_ID_REASON;
  if (isDotSegment(value)) return DOT_SEGMENT_REASON;
  if (hasPathSeparator(value)) return PATH_SEPARATOR_REASON;
  return undefined;
}
