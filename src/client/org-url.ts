/**
 * Validates and normalises the org URL: an origin only, https, or http for loopback hosts (the
 * emulator). Returns the origin without a trailing slash.
 */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

export function normalizeOrgUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`orgUrl must be an absolute URL such as https://dev-123.okta.com`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new TypeError(
      `orgUrl must use https (plain http is accepted only for 127.0.0.1, ::1 and localhost); got ${url.protocol}//${url.host}`,
    );
  }
  if (
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new TypeError(
      `orgUrl must be the org's origin only (like https://dev-123.okta.com), without path or query`,
    );
  }
  return url.origin;
}
