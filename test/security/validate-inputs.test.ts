import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-validate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `streampilot validate` as a process, killed after 20 s (a hang shows as status null) in a 256 MB heap. */
function validate(...files: string[]) {
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=256', path.join(repoRoot, 'bin', 'streampilot.js'), 'validate', ...files],
    {
      encoding: 'utf8',
      timeout: 20_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function expectRefused(run: ReturnType<typeof validate>, file: string, reason: RegExp): void {
  expect(run.status).toBe(1);
  // Node's own start-up is most of it; reading a device or FIFO would hit the 20 s kill.
  expect(run.ms).toBeLessThan(8_000);
  const first = run.stdout.split('\n')[0]!;
  expect(first).toContain(`${file}:1:1  error  \`${file}\``);
  expect(first).toMatch(reason);
  expect(first).toContain('file/refused');
  // One finding: its line, the hint, the summary. No code frame, no flood of syntax errors.
  expect(run.stdout.length + run.stderr.length).toBeLessThan(1_000);
  expect(run.stderr).toBe('');
  expect(run.stdout.endsWith('1 error, 0 warnings.\n')).toBe(true);
}

describe('streampilot validate refuses inputs that are not small text files, without reading them', () => {
  it('validate /dev/zero exits 1 at once instead of growing to gigabytes', () => {
    expectRefused(validate('/dev/zero'), '/dev/zero', /is a device, not a regular file/);
  });

  it('validate of a FIFO named x.sql exits 1 without opening it (no writer ever comes)', () => {
    const fifo = path.join(scratch, 'pipe.sql');
    const made = spawnSync('mkfifo', [fifo]);
    expect(made.status).toBe(0);
    expectRefused(validate(fifo), fifo, /is a FIFO \(named pipe\), not a regular file/);
  });

  it('validate of a 20 MB SQL file exits 1 quickly, naming the size limit', () => {
    const big = path.join(scratch, 'big.sql');
    writeFileSync(big, 'SELECT 1 + 1 + 1 + 1 FROM t;\n'.repeat(Math.ceil((20 * 1024 * 1024) / 29)));
    expectRefused(validate(big), big, /is 20\.0 MiB, more than the 1\.0 MiB a text file may have/);
  });

  it('validate of a binary file (a NUL past the first 8 KB) is refused instead of printing megabytes of syntax errors', () => {
    const bin = path.join(scratch, 'image.sql');
    const bytes = Buffer.alloc(200 * 1024, 'é ; , ( ');
    bytes[100 * 1024] = 0;
    writeFileSync(bin, bytes);
    expectRefused(validate(bin), bin, /is a binary file, not text/);
  });

  it('validate of a file that is not UTF-8 (Latin-1 bytes) is refused', () => {
    const latin = path.join(scratch, 'latin1.sql');
    writeFileSync(latin, Buffer.from([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x27, 0xe9, 0x27, 0x3b, 0x0a]));
    expectRefused(validate(latin), latin, /is not UTF-8 text/);
  });

  it('validate of 1 MB of text junk (one error per line) stops after 100 syntax errors instead of printing megabytes', () => {
    const junk = path.join(scratch, 'junk.sql');
    writeFileSync(junk, 'x;\n'.repeat(340_000));
    const run = validate(junk);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('more than 100 syntax errors: the rest of this file was not checked');
    expect(run.stdout.endsWith('101 errors, 0 warnings.\n')).toBe(true);
    expect(run.stdout.length).toBeLessThan(30_000);
  });

  it('a refused file does not stop the others from being validated', () => {
    const good = path.join(scratch, 'good.sql');
    writeFileSync(good, 'SELECT 1 FROM\n');
    const run = validate('/dev/zero', good);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('/dev/zero:1:1  error');
    expect(run.stdout).toMatch(
      new RegExp(`${good.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+  error  .*syntax`),
    );
  });
});
