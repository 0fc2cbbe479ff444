/**
 * Plain http is allowed for `localhost`, 127.0.0.0/8 or `[::1]`. Takes `URL#hostname`, already lower-cased,
 * normalised (`127.1` → `127.0.0.1`, octets ≤ 255). Shared with `src/config/`, so both accept the same URLs.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The origin without a trailing slash; https, or http for loopback hosts (the emulator). */
export function normalizeOrgUrl(value: string): string {
  if (!URL.canParse(value)) {
    throw new TypeError(`orgUrl must be an absolute URL such as https://dev-123.okta.com`);
  }
  const url = new URL(value);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new TypeError(
      `orgUrl must use https (plain http is accepted only for localhost, 127.0.0.0/8 and ::1); got ${url.protocol}//${url.host}`,
    );
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new TypeError(
      `orgUrl must be the org's origin only (like https://dev-123.okta.com), without path or query`,
    );
  }
  return url.origin;
}
