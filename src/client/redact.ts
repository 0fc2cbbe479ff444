/**
 * Scrubs credentials from any text we build (error messages, event reasons). Patterns catch what a
 * credential looks like on the wire; `secrets` catches the exact values this client knows, in case they
 * appear in a shape no pattern foresaw (e.g. echoed by a proxy).
 */

const REDACTED = "[REDACTED]";

const PATTERNS: readonly [RegExp, string][] = [
  // Authorization header values: keep the scheme so the message still says which kind was used. The
  // words Okta's own error texts put after a scheme name ("DPoP proof …", "Bearer token …") are prose,
  // not credentials; a real credential of that spelling would still be caught by the literal secrets.
  [
    /\b(SSWS|Bearer|DPoP)\s+(?!(?:proofs?|tokens?|nonce|header|scheme|required|is|was|must)\b)[^\s"',;]+/gi,
    `$1 ${REDACTED}`,
  ],
  // Form/query fields of the OAuth token exchange.
  [
    /\b(client_assertion|access_token|refresh_token|id_token|assertion|client_secret)=[^&\s"']+/gi,
    `$1=${REDACTED}`,
  ],
  // The same fields as JSON.
  [
    /"(client_assertion|access_token|refresh_token|id_token|client_secret)"\s*:\s*"[^"]*"/gi,
    `"$1":"${REDACTED}"`,
  ],
  // Any compact JWS (client assertions, DPoP proofs, JWT access tokens).
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  // PEM private keys.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
];

/** Secrets shorter than this are not scrubbed literally: replacing "a" everywhere would garble text. */
const MIN_LITERAL_SECRET_LENGTH = 8;
/**
 * Personal values (profile attributes we sent) are often short ("Bob"). From this length they are
 * scrubbed too, but only as whole words below `MIN_LITERAL_SECRET_LENGTH`, so "Bob" does not eat "Bobby".
 */
const MIN_PERSONAL_VALUE_LENGTH = 3;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `secrets`: credential values the client knows. `personal`: values of the request body that Okta may echo
 * in its error texts (user profile attributes). Both are removed wherever they appear, longest first.
 */
export function redact(
  text: string,
  secrets: readonly string[] = [],
  personal: readonly string[] = [],
): string {
  let out = text;
  const literal = [
    ...secrets.filter((s) => s.length >= MIN_LITERAL_SECRET_LENGTH),
    ...personal.filter((s) => s.length >= MIN_LITERAL_SECRET_LENGTH),
  ].sort((a, b) => b.length - a.length);
  for (const value of literal) out = out.split(value).join(REDACTED);
  const words = personal.filter(
    (s) => s.length >= MIN_PERSONAL_VALUE_LENGTH && s.length < MIN_LITERAL_SECRET_LENGTH,
  );
  for (const word of words.sort((a, b) => b.length - a.length)) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "gu"),
      REDACTED,
    );
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
