// Issue 13: `streampilot check . | head -1` printed an unhandled EPIPE stack trace. A reader that goes
// away ends the CLI quietly, with the status a shell gives a command ended by SIGPIPE.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/repo-root.js';

interface Ended {
  status: number | null;
  stderr: string;
  stdout: string;
}

/** Runs the CLI with its stdout read until `readBytes` bytes, then closed (0: closed before the CLI writes). */
function runWithReader(args: string[], readBytes: number | 'all'): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'streampilot.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    // Closing the only read end before Node has even started makes every write of the CLI meet a closed pipe.
    if (readBytes === 0) child.stdout.destroy();
    else
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (readBytes !== 'all' && stdout.length >= readBytes) child.stdout.destroy();
      });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, stdout }));
  });
}

describe('the CLI writing into a pipe whose reader has gone', () => {
  it('check of the broken example with stdout closed: no stack trace, exit 141 (SIGPIPE), not 1 or 3', async () => {
    const r = await runWithReader(['check', 'examples/broken', '--no-cache'], 0);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at .*\.js/);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });

  it('validate --help with stdout closed ends the same way', async () => {
    const r = await runWithReader(['validate', '--help'], 0);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });

  it('a reader that reads everything sees the whole output and the command’s own exit code', async () => {
    const r = await runWithReader(['check', 'examples/broken', '--no-cache'], 'all');
    expect(r.stdout).toMatch(/\d+ errors?, \d+ warnings?\.\n$/);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
});
