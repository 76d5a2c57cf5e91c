export type FileChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

/** One path that differs between two commits; repository-relative, `/`-separated. */
export interface FileChange {
  status: FileChangeStatus;
  path: string;
  /** The old path of a renamed file. */
  from?: string;
}

/** Parses `git diff --name-status -z -M` output (NUL-separated, so any file name survives). */
export function parseNameStatus(output: string): FileChange[] {
  const fields = output.split('\0');
  const changes: FileChange[] = [];
  let i = 0;
  while (i < fields.length) {
    const code = fields[i++];
    if (!code) continue;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const from = fields[i++] ?? '';
      const to = fields[i++] ?? '';
      // A copy leaves its source in place: for us the destination is simply new.
      changes.push(letter === 'R' ? { status: 'renamed', path: to, from } : { status: 'added', path: to });
      continue;
    }
    const file = fields[i++] ?? '';
    if (letter === 'A') changes.push({ status: 'added', path: file });
    else if (letter === 'D') changes.push({ status: 'deleted', path: file });
    // M, T (type change: file ↔ link), U: the path is there on both sides with other content.
    else changes.push({ status: 'modified', path: file });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
