/** What replaces a secret. Short and unmistakable, so a reader knows something was there. */
export const REDACTED = '[redacted]';

// Patterns catch secrets we were never told about (a token inside a git error, a URL with
// credentials); the registry below catches the ones the process holds, by value.
const PATTERNS: readonly [RegExp, string][] = [
  // PEM blocks, raw or JSON-escaped (a log line has `\n` where the key had newlines).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  // The same block base64-encoded, as PRIVATE_KEY is often given ("-----BEGIN" is "LS0tLS1CRUdJTi").
  [/LS0tLS1CRUdJTi[A-Za-z0-9+/=]{16,}/g, REDACTED],
  // Credentials in a URL: https://x-access-token:ghs_…@host, https://user:pass@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@'"]*:[^\s/@'"]*@/gi, `$1${REDACTED}@`],
  [/\bx-access-token:[^\s@'"]+@/gi, `x-access-token:${REDACTED}@`],
  // GitHub tokens: installation (ghs_), OAuth (gho_), user (ghu_), PAT (ghp_), refresh (ghr_),
  // fine-grained PAT (github_pat_), and GitHub Enterprise Server's older `v1.<40 hex>` form.
  [/\bgh[pousr]_[A-Za-z0-9_]{16,}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\bv1\.[0-9a-f]{40}\b/g, REDACTED],
  // npm automation and publish tokens.
  [/\bnpm_[A-Za-z0-9]{36}\b/g, REDACTED],
  // Incoming-webhook URLs carry their secret in the path.
  [/\bhttps:\/\/hooks\.slack\.com\/services\/[^\s'"<>)]+/g, `https://hooks.slack.com/services/${REDACTED}`],
  [/\bhttps:\/\/[a-z0-9.-]*webhook\.office\.com\/[^\s'"<>)]+/gi, REDACTED],
  [/\bhttps:\/\/discord(?:app)?\.com\/api\/webhooks\/[^\s'"<>)]+/gi, REDACTED],
  // Signed URLs carry their credential in a query parameter.
  [
    /([?&](?:access_token|token|sig|signature|X-Amz-Signature|X-Amz-Credential|key|api_key|apikey|password)=)[^&\s'"<>]+/gi,
    `$1${REDACTED}`,
  ],
  // JSON Web Tokens (the app's own JWT, signed with its private key).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Authorization headers as HTTP clients print them.
  [/\b(authorization["']?\s*[:=]\s*["']?(?:token|bearer|basic)\s+)[^\s"',}]+/gi, `$1${REDACTED}`],
];

/**
 * Long enough to be replaced wherever it appears. A shorter secret is replaced only where it
 * stands as a whole word: "abc" must not shred every message that happens to contain it.
 */
const MIN_SUBSTRING_LENGTH = 6;
/** One or two characters cannot be told from ordinary text at all; such a "secret" protects nothing anyway. */
const MIN_WORD_LENGTH = 3;

// Every secret value this process holds (the app's key, the webhook secret, registry and Maven
// passwords, tokens of kubeconfigs and installations), whatever variable or file it came from.
// One registry, read by every redact() call, so a code path that forgets to pass its secrets
// still cannot print them.
const registered = new Set<string>();
let registeredForms: string[] = [];

/** Remember values that must never be printed from now on. Empty values are ignored. */
export function registerSecrets(values: Iterable<string | undefined>): void {
  let changed = false;
  for (const value of values) {
    if (!value || value.trim() === '' || registered.has(value)) continue;
    registered.add(value);
    changed = true;
  }
  if (changed) registeredForms = formsOf(registered);
}

/** For tests: forget every registered secret. */
export function clearRegisteredSecrets(): void {
  registered.clear();
  registeredForms = [];
}

/**
 * Remove secrets from text bound for a log, a comment, a check run or the terminal: every value
 * registered with `registerSecrets` and each of `secrets` (also in the escaped and encoded forms
 * a JSON log line or a URL carries them in), then GitHub and npm tokens, credentials inside URLs,
 * private keys, JWTs and webhook URLs by pattern.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const forms = secrets.length === 0 ? registeredForms : mergeForms(registeredForms, formsOf(secrets));
  for (const form of forms) {
    if (form.length >= MIN_SUBSTRING_LENGTH) out = out.split(form).join(REDACTED);
    else if (form.length >= MIN_WORD_LENGTH)
      out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g'), REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function formsOf(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    const trimmed = secret.trim();
    if (trimmed === '') continue;
    for (const form of [
      secret,
      trimmed,
      JSON.stringify(trimmed).slice(1, -1),
      encodeURIComponent(trimmed),
      Buffer.from(trimmed).toString('base64'),
    ]) {
      if (form.trim() !== '') forms.add(form);
    }
    // A multi-line secret (a PEM key) may leak a line at a time, e.g. in a parse error.
    if (trimmed.includes('\n'))
      for (const line of trimmed.split(/\r?\n/)) if (line.trim().length >= 16) forms.add(line.trim());
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

function mergeForms(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => y.length - x.length);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
