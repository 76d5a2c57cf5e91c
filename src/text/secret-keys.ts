/** Last key segments that hold a credential (`password`, `properties.ssl.key.password`, `s3.secret-key` …). */
const SECRET_SEGMENTS = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'secret-key',
  'secretkey',
  'secret-access-key',
  'access-key',
  'accesskey',
  'access-key-id',
  'accesskeyid',
  'api-key',
  'apikey',
  'private-key',
  'privatekey',
  'client-secret',
  'user-info',
  'sas-token',
  'auth-token',
  'credentials',
]);

/** Two-segment spellings of the same (`fs.s3a.secret.key`, `fs.s3a.access.key`). */
const SECRET_PAIRS = new Set([
  'secret.key',
  'access.key',
  'private.key',
  'api.key',
  'jaas.config',
  'basic.secretkey',
  'basic.accesskeyid',
]);

/** True when a configuration or connector option key names a credential. */
export function isSecretKey(key: string): boolean {
  const segments = key.toLowerCase().split('.');
  const last = segments[segments.length - 1] ?? '';
  if (SECRET_SEGMENTS.has(last) || /[-_](password|secret|token)$/.test(last)) return true;
  return segments.length >= 2 && SECRET_PAIRS.has(segments.slice(-2).join('.'));
}

/**
 * A credential carried inside a value whose key says nothing of it: `password=` in a JDBC or
 * query string, or `user:password@` in a URL. Returns what was found, or undefined. A
 * `${variable}` in that place is not a credential.
 */
export function credentialInValue(value: string): string | undefined {
  const param = /(?:^|[?&;:])(password|passwd|pwd|secret|token|access_?token|api_?key)=([^&;]*)/i.exec(value);
  if (param && param[2]!.trim() !== '' && !param[2]!.includes('${')) return `\`${param[1]!.toLowerCase()}=\` parameter`;
  const userinfo = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@/i.exec(value);
  if (userinfo && !userinfo[1]!.includes('${')) return 'password in the URL (`user:password@`)';
  return undefined;
}
