// Scrubs credentials from any text we build (error messages, event reasons). Patterns catch what a credential
// looks like on the wire; `secrets`, the exact values this client knows, in shapes no pattern foresaw.

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
 * Personal values (profile attributes we sent) this long (emails, logins) are scrubbed where they're a whole
 * word; shorter ones ("Bob", "active") only after `attribute:`/`attribute=`, Okta's shape for naming a bad
 * value: scrubbing every "active" or "Api" of up to 200 profiles would garble Okta's own wording ("Api
 * validation failed", "is active for this identity source") exactly where it is needed to debug.
 */
const MIN_ANYWHERE_PERSONAL_LENGTH = 8;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Not a letter or digit on either side: a whole word. */
const WORD_START = "(?<![\\p{L}\\p{N}])";
const WORD_END = "(?![\\p{L}\\p{N}])";
/** Not an attribute name: not after `profile.`, not before `:` (`employeeNumber: …` names, it does not quote). */
const NOT_A_NAME_START = "(?<![.])";
const NOT_A_NAME_END = "(?!\\s*:)";
/** `attribute: `, `attribute = "`, …: what precedes a value Okta names. */
const AFTER_ATTRIBUTE = "((?<=[\\p{L}\\p{N}_])\\s*[:=]\\s*[\"']?)";

/** A value as given, and as it reads inside a JSON string when that differs (`\n`, `"`, `\\`). */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return json === value ? [value] : [value, json];
}

/**
 * `secrets`: credential values the client knows, removed exactly as given. `personal`: request profile values
 * Okta may echo in errors, removed in any case (Okta lower-cases echoed emails and logins). Longest first.
 */
export function redact(
  text: string,
  secrets: readonly string[] = [],
  personal: readonly string[] = [],
): string {
  type Rule = { value: string; apply: (s: string) => string };
  const rules: Rule[] = [];
  for (const value of secrets.filter((s) => s.length >= MIN_LITERAL_SECRET_LENGTH)) {
    rules.push({ value, apply: (s) => s.split(value).join(REDACTED) });
  }
  for (const value of personal.filter((s) => s.length > 0).flatMap(forms)) {
    const literal = escapeRegExp(value);
    if (value.length >= MIN_ANYWHERE_PERSONAL_LENGTH) {
      const pattern = new RegExp(
        `${WORD_START}${NOT_A_NAME_START}${literal}${WORD_END}${NOT_A_NAME_END}`,
        "giu",
      );
      rules.push({ value, apply: (s) => s.replace(pattern, REDACTED) });
    } else {
      const pattern = new RegExp(`${AFTER_ATTRIBUTE}${literal}${WORD_END}`, "giu");
      rules.push({ value, apply: (s) => s.replace(pattern, `$1${REDACTED}`) });
    }
  }
  let out = text;
  for (const rule of rules.sort((a, b) => b.value.length - a.value.length)) out = rule.apply(out);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
