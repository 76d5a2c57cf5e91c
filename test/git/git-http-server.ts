import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveGitHttp } from '../support/git-http-backend.js';

/**
 * Real git smart HTTP (see ../support/git-http-backend.ts) behind a Node server that, like
 * GitHub, requires HTTP Basic auth with user `x-access-token` and the installation token.
 */
export interface GitHttpServer {
  url(repoName: string): string;
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startGitHttpServer(
  root: string,
  options: { token: string; protocolV0?: boolean },
): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const expected = `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({
      path: url.pathname,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end('bad credentials');
      return;
    }
    void serveGitHttp(req, res, {
      projectRoot: root,
      pathInfo: url.pathname,
      query: url.search.slice(1),
      ...(options.protocolV0 ? { protocolV0: true } : {}),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
