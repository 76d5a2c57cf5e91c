import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export type JwtCheck = { ok: true; appId: string } | { ok: false; reason: string };

/**
 * What GitHub requires of an app's JWT (docs.github.com, "Generating a JSON Web Token for a
 * GitHub App"): RS256 signed by the app's private key, `iss` the app id, `iat` not in the future
 * (60 s of clock drift tolerated), `exp` in the future and at most 10 minutes after `iat`.
 */
export function verifyAppJwt(
  token: string,
  publicKeyPem: string | KeyObject,
  appId: number,
  now = Date.now(),
): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT (expected three dot-separated parts)' };
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string };
  let payload: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as typeof payload;
  } catch {
    return { ok: false, reason: 'A JSON web token could not be decoded' };
  }
  if (header.alg !== 'RS256') return { ok: false, reason: `JWT alg must be RS256, got ${String(header.alg)}` };
  const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')))
    return { ok: false, reason: "JWT signature does not match the app's public key" };
  if (String(payload.iss) !== String(appId))
    return { ok: false, reason: `JWT iss ${String(payload.iss)} is not the app id ${appId}` };
  const seconds = Math.floor(now / 1000);
  if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number')
    return { ok: false, reason: 'JWT needs numeric iat and exp' };
  if (payload.iat > seconds + 60)
    return { ok: false, reason: "'Issued at' claim ('iat') must be an Integer representing a time in the past" };
  if (payload.exp <= seconds) return { ok: false, reason: "'Expiration time' claim ('exp') is too far in the past" };
  if (payload.exp - payload.iat > 600)
    return { ok: false, reason: "'Expiration time' claim ('exp') is too far in the future (max 10 minutes after iat)" };
  return { ok: true, appId: String(payload.iss) };
}
