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

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_LITERAL_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
