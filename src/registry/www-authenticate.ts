/**
 * `WWW-Authenticate` challenges (RFC 7235) as registries send them:
 * `Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"`
 * or `Basic realm="Registry Realm"`. Several challenges may share one header (fetch joins
 * repeated headers with ", "), so the parser splits on scheme names, not on commas.
 */
export interface AuthChallenge {
  /** Lower-cased scheme: `bearer`, `basic`, … */
  scheme: string;
  /** Parameter names lower-cased; values unquoted. */
  params: Record<string, string>;
}

export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skip = (chars: string): void => {
    while (i < n && chars.includes(header[i]!)) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z/]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  let current: AuthChallenge | undefined;
  while (i < n) {
    skip(' \t,');
    if (i >= n) break;
    const word = readToken();
    if (word === '') {
      i++; // a character no grammar allows here: step over it rather than loop forever
      continue;
    }
    skip(' \t');
    if (header[i] === '=' && current && header[i + 1] !== '=') {
      i++;
      skip(' \t');
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i];
          i++;
        }
        i++;
      } else {
        const start = i;
        while (i < n && header[i] !== ',' && header[i] !== ' ' && header[i] !== '\t') i++;
        value = header.slice(start, i);
      }
      current.params[word.toLowerCase()] = value;
    } else {
      // token68 (`Basic abc==`) after a scheme is not a parameter: keep it under a name of its own.
      current = { scheme: word.toLowerCase(), params: {} };
      challenges.push(current);
      skip(' \t');
      const token68 = /^[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(header.slice(i));
      if (token68 && !header.slice(i).match(/^[A-Za-z0-9\-._~+/]+\s*=[^=]/)) {
        current.params['token68'] = token68[0];
        i += token68[0].length;
      }
    }
  }
  return challenges;
}
