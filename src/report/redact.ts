/** What replaces a secret. Short and unmistakable, so a reader knows something was there. */
export const REDACTED = '[redacted]';

// Patterns catch secrets we were never told about (a token inside a git error, a URL with
// credentials); the `secrets` list catches the ones we know by value (webhook secret, key).
const PATTERNS: readonly [RegExp, string][] = [
  // PEM blocks, raw or JSON-escaped (a log line has `\n` where the key had newlines).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  // Credentials in a URL: https://x-access-token:ghs_…@host, https://user:pass@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@'"]*:[^\s/@'"]*@/gi, `$1${REDACTED}@`],
  [/\bx-access-token:[^\s@'"]+@/gi, `x-access-token:${REDACTED}@`],
  // GitHub tokens: installation (ghs_), OAuth (gho_), user (ghu_), PAT (ghp_), refresh (ghr_),
  // fine-grained PAT (github_pat_).
  [/\bgh[pousr]_[A-Za-z0-9_]{16,}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  // JSON Web Tokens (the app's own JWT, signed with its private key).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Authorization headers as HTTP clients print them.
  [/\b(authorization["']?\s*[:=]\s*["']?(?:token|bearer|basic)\s+)[^\s"',}]+/gi, `$1${REDACTED}`],
];

/** Values shorter than this are not redacted by value: "a" would shred every message. */
const MIN_SECRET_LENGTH = 6;

/**
 * Remove secrets from text bound for a log, a comment or a check run: GitHub tokens, tokens
 * and passwords inside URLs, private keys, JWTs, and each of `secrets` (webhook secret, private
 * key, registry passwords) by value — also in the escaped form a JSON log line carries them in.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) out = out.split(form).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function secretForms(secret: string): string[] {
  const trimmed = secret.trim();
  const forms = new Set([secret, trimmed, JSON.stringify(trimmed).slice(1, -1), encodeURIComponent(trimmed)]);
  // A multi-line secret (a PEM key) may leak a line at a time, e.g. in a parse error.
  if (trimmed.includes('\n')) for (const line of trimmed.split(/\r?\n/)) if (line.trim().length >= 16) forms.add(line.trim());
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}
