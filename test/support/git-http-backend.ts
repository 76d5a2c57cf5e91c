import { execFileSync, spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';

let execPath: string | undefined;

/**
 * One request of git's smart HTTP protocol answered by `git http-backend` (the CGI git ships):
 * `pathInfo` names the repository under `projectRoot` (a non-bare repository's folder works too).
 * `protocolV0` drops the client's `Git-Protocol` header, so the backend speaks protocol v0 and (with
 * git's defaults) refuses to send a commit that no ref advertises. Resolves when the answer is sent.
 */
export function serveGitHttp(
  req: IncomingMessage,
  res: ServerResponse,
  options: { projectRoot: string; pathInfo: string; query: string; protocolV0?: boolean },
): Promise<void> {
  execPath ??= execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GIT_PROJECT_ROOT: options.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: options.pathInfo,
    QUERY_STRING: options.query,
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_USER: 'x-access-token',
  };
  if (req.headers['git-protocol'] && !options.protocolV0) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
  const cgi = spawn(`${execPath}/git-http-backend`, [], { env });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headersSent = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    headersSent = true;
    res.write(head.subarray(end + 4));
  });
  return new Promise((resolve) =>
    cgi.on('close', () => {
      if (!headersSent) res.writeHead(500);
      res.end();
      resolve();
    }),
  );
}
