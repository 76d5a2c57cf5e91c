/**
 * The values of an environment that are secrets, whatever their variables are called: a name that
 * says so (…PASSWORD, …TOKEN, …_KEY, …SECRET, …CREDENTIALS, …AUTH…, …WEBHOOK…), a URL that carries
 * credentials, or a value shaped like a token or key (long, no spaces, letters and digits mixed)
 * under any name not known to hold something public. The audit behind this planted secrets under
 * names no list foresaw; a value shape catches those, a name list alone does not.
 */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.trim() === '') continue;
    if (carriesCredentials(value) || (!isPublicName(name) && (isSecretName(name) || looksLikeToken(value))))
      out.push(value);
  }
  return out;
}

const SECRET_NAME =
  /(PASS|_PWD$|TOKEN|SECRET|_KEY$|^KEY$|_KEY_|PRIVATE|CREDENTIAL|AUTH(?!OR)|SIGNATURE|COOKIE|SESSION|WEBHOOK|DSN|API_?KEY)/i;
/** Settings that name a file or folder holding a secret: the path itself is not one. */
const PATH_NAME = /(_PATH|_FILE|_DIR|_HOME)$/i;

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !PATH_NAME.test(name);
}

// Variables every shell, CI runner and npm script sets, whose values are paths, ids and refs:
// redacting them would blank file paths and commit ids out of every message.
const PUBLIC_NAME =
  /^(PATH|HOME|PWD|OLDPWD|SHELL|SHLVL|TERM|TERM_PROGRAM.*|LANG|LANGUAGE|LC_.*|USER|LOGNAME|HOSTNAME|TMPDIR|TEMP|TMP|TZ|_|EDITOR|PAGER|COLORTERM|NODE_.*|npm_.*|GIT_(AUTHOR|COMMITTER)_.*|INIT_CWD|XDG_.*|GITHUB_(SHA|REF.*|RUN_.*|WORKFLOW.*|ACTION.*|JOB|EVENT_.*|REPOSITORY.*|SERVER_URL|API_URL|GRAPHQL_URL|WORKSPACE|ENV|OUTPUT|PATH|STEP_SUMMARY|STATE|HEAD_REF|BASE_REF|ACTOR.*|TRIGGERING_ACTOR|RETENTION_DAYS)|RUNNER_.*|INVOCATION_ID|JOURNAL_STREAM|SSH_.*|DISPLAY|MAIL|HOSTTYPE|OSTYPE|MACHTYPE|APP_ID|GHE_HOST|GHE_PROTOCOL|HOST|PORT|LOG_LEVEL|CI|KUBERNETES_SERVICE_.*|KUBERNETES_PORT.*)$/;

function isPublicName(name: string): boolean {
  // NODE_AUTH_TOKEN, npm_config__authToken: public prefixes, secret names.
  return PUBLIC_NAME.test(name) && !/(TOKEN|SECRET|PASS|AUTH(?!OR)|_KEY)/i.test(name);
}

function carriesCredentials(value: string): boolean {
  return (
    /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:[^\s/@]+@/i.test(value) ||
    /\bhttps:\/\/hooks\.slack\.com\/services\//.test(value)
  );
}

function looksLikeToken(value: string): boolean {
  const v = value.trim();
  if (v.length < 20 || v.length > 16_384 || /\s/.test(v) || v.startsWith('/') || v.startsWith('.') || v.includes('://'))
    return false;
  // Commit ids and digests are published on purpose.
  if (/^(sha256:)?[0-9a-f]{40}$|^(sha256:)?[0-9a-f]{64}$/.test(v)) return false;
  return /^[A-Za-z0-9+/=_\-.~:]+$/.test(v) && /[A-Za-z]/.test(v) && /[0-9]/.test(v);
}
