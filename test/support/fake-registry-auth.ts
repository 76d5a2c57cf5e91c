import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { TestRegistry } from './registry-env.js';

/**
 * A registry that demands Bearer tokens, made of two parts served over real HTTP on loopback:
 *
 * - a token server following the Docker registry token authentication spec
 *   (distribution `docs/spec/auth/token.md`): `GET /token?service=…&scope=…` (scope repeated),
 *   optional Basic credentials, answer `{token, access_token, expires_in, issued_at}`; wrong
 *   credentials are 401, anonymous callers get a token granting nothing;
 * - a gateway in front of the real test registry that answers like Docker Hub / GHCR: a request
 *   without a token carrying the scope it needs gets 401 with
 *   `WWW-Authenticate: Bearer realm="…",service="…",scope="repository:<name>:<actions>"`;
 *   an authorised one is forwarded to the real registry (with its Basic credentials).
 *
 * Upload `Location`s are rewritten to relative paths, as some registries send them, so a
 * client that cannot resolve them fails here. Everything is logged for assertions.
 */
export interface BearerRegistry {
  /** host:port of the gateway: the registry part of image references. */
  host: string;
  realm: string;
  service: string;
  username: string;
  password: string;
  tokenRequests: { scopes: string[]; user: string | undefined; status: number }[];
  requests: { method: string; path: string; status: number; authorization: 'none' | 'bearer' | 'other' }[];
  close(): Promise<void>;
}

interface Grant {
  access: Map<string, Set<string>>;
  expiresAt: number;
}

export async function startBearerRegistry(
  upstream: TestRegistry,
  options: { tokenTtlSeconds?: number } = {},
): Promise<BearerRegistry> {
  const username = 'bearer-user';
  const password = randomBytes(9).toString('hex');
  const service = 'fake-registry.test';
  const tokens = new Map<string, Grant>();
  const upstreamAuth = `Basic ${Buffer.from(`${upstream.username}:${upstream.password}`).toString('base64')}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`gateway error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const realm = `http://${host}/token`;

  const state: BearerRegistry = {
    host,
    realm,
    service,
    username,
    password,
    tokenRequests: [],
    requests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/token') return token(req, res, url);
    const authorization = req.headers.authorization;
    const record = (status: number) =>
      state.requests.push({
        method: req.method ?? '',
        path: url.pathname + url.search,
        status,
        authorization: !authorization ? 'none' : authorization.startsWith('Bearer ') ? 'bearer' : 'other',
      });

    const needed = requiredScope(req.method ?? 'GET', url.pathname);
    const grant = authorization?.startsWith('Bearer ') ? tokens.get(authorization.slice(7)) : undefined;
    const valid = grant && grant.expiresAt > Date.now() ? grant : undefined;
    const allowed = needed ? needed.actions.every((a) => valid?.access.get(needed.name)?.has(a)) : valid !== undefined;
    if (!allowed) {
      const scope = needed ? `,scope="repository:${needed.name}:${needed.actions.join(',')}"` : '';
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="${realm}",service="${service}"${scope}`,
      });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      record(401);
      return;
    }
    // Cross-repository mount needs pull on the source too; without it real registries open a plain upload.
    if (url.searchParams.has('mount')) {
      const from = url.searchParams.get('from') ?? '';
      if (!valid!.access.get(from)?.has('pull')) {
        url.searchParams.delete('mount');
        url.searchParams.delete('from');
      }
    }
    const headers: Record<string, string> = { authorization: upstreamAuth };
    for (const name of ['accept', 'content-type', 'content-length']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const hasBody = req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH';
    const upstreamRes = await fetch(`http://${upstream.host}${url.pathname}${url.search}`, {
      method: req.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
    const out: Record<string, string> = {};
    upstreamRes.headers.forEach((value, name) => {
      if (!['connection', 'transfer-encoding', 'keep-alive'].includes(name)) out[name] = value;
    });
    if (out['location']) {
      const location = new URL(out['location'], `http://${upstream.host}`);
      out['location'] = location.pathname + location.search;
    }
    res.writeHead(upstreamRes.status, out);
    record(upstreamRes.status);
    if (upstreamRes.body && req.method !== 'HEAD')
      Readable.fromWeb(upstreamRes.body as import('node:stream/web').ReadableStream).pipe(res);
    else res.end();
  }

  function token(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const scopes = url.searchParams.getAll('scope');
    let user: string | undefined;
    const authorization = req.headers.authorization;
    const reply = (status: number, body: unknown) => {
      state.tokenRequests.push({ scopes, user, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.searchParams.get('service') !== service)
      return reply(400, { details: `unknown service ${url.searchParams.get('service')}` });
    if (authorization) {
      const decoded = authorization.startsWith('Basic ')
        ? Buffer.from(authorization.slice(6), 'base64').toString('utf8')
        : '';
      const colon = decoded.indexOf(':');
      user = colon >= 0 ? decoded.slice(0, colon) : undefined;
      if (user !== username || decoded.slice(colon + 1) !== password)
        return reply(401, { details: 'incorrect username or password' });
    }
    const access = new Map<string, Set<string>>();
    for (const scope of scopes) {
      const m = /^repository:([a-z0-9._/-]+):([a-z,*]+)$/.exec(scope);
      if (!m) return reply(400, { details: `malformed scope ${scope}` });
      // Anonymous callers get a token that grants nothing: this registry is private.
      if (user) access.set(m[1]!, new Set([...(access.get(m[1]!) ?? []), ...m[2]!.split(',')]));
    }
    const value = randomBytes(16).toString('hex');
    const ttl = options.tokenTtlSeconds ?? 300;
    tokens.set(value, { access, expiresAt: Date.now() + ttl * 1000 });
    reply(200, { token: value, access_token: value, expires_in: ttl, issued_at: new Date().toISOString() });
  }

  return state;
}

/** The scope a distribution API path needs: pull to read, pull+push to write; /v2/ itself only a valid token. */
function requiredScope(method: string, path: string): { name: string; actions: string[] } | undefined {
  const m = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(path);
  if (!m) return undefined;
  return { name: m[1]!, actions: method === 'GET' || method === 'HEAD' ? ['pull'] : ['pull', 'push'] };
}
