#!/usr/bin/env node
// Builds StreamPilot's SQL runner (runner/src/main/java) into a reproducible jar:
//
//   node scripts/build-runner.mjs                 # writes dist/runner/streampilot-sql-runner.jar
//   node scripts/build-runner.mjs --out <file>    # writes it elsewhere (the tests do)
//
// javac --release 8 compiles against the Flink stand-ins in runner/stubs; -implicit:none keeps
// their classes out of the output, so the jar holds only our classes and Flink's own come from
// the cluster's classpath. The zip is written here rather than by `jar`: entries sorted, every
// time 1980-01-01T00:00:02, no extra fields, stored uncompressed (a deflater's output differs
// between zlib versions). The same sources compiled by the same javac give the same bytes.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = path.join(root, 'runner/src/main/java');
const STUBS = path.join(root, 'runner/stubs');
const MAIN_CLASS = 'dev.streampilot.runner.Main';
const DEFAULT_OUT = path.join(root, 'dist/runner/streampilot-sql-runner.jar');

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1] ?? '') : DEFAULT_OUT;

function javac() {
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'javac') : undefined;
  return fromHome && statSync(fromHome, { throwIfNoEntry: false })?.isFile() ? fromHome : 'javac';
}

function listFiles(dir, suffix) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found;
}

const classes = mkdtempSync(path.join(os.tmpdir(), 'streampilot-runner-'));
try {
  const sources = listFiles(SOURCES, '.java').sort();
  try {
    execFileSync(
      javac(),
      [
        '--release',
        '8',
        '-encoding',
        'UTF-8',
        '-Xlint:all',
        '-Xlint:-options',
        '-Werror',
        '-implicit:none',
        '-sourcepath',
        STUBS,
        '-d',
        classes,
        ...sources,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  } catch (e) {
    const missing = e && typeof e === 'object' && 'code' in e && e.code === 'ENOENT';
    console.error(
      missing
        ? 'build-runner: javac not found. Install a JDK 11 or later (Debian: apt-get install default-jdk-headless) or set JAVA_HOME.'
        : 'build-runner: javac failed (messages above).',
    );
    process.exit(1);
  }
  const entries = [
    { name: 'META-INF/', data: Buffer.alloc(0) },
    {
      name: 'META-INF/MANIFEST.MF',
      data: Buffer.from(
        `Manifest-Version: 1.0\r\nMain-Class: ${MAIN_CLASS}\r\nCreated-By: StreamPilot\r\n\r\n`,
        'utf8',
      ),
    },
    ...listFiles(classes, '.class')
      .map((file) => ({ name: path.relative(classes, file).split(path.sep).join('/'), data: readFileSync(file) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  ];
  const jar = zip(entries);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, jar);
  // What image tags and ConfigMap names hash: the jar's inputs, not its bytes, so that a tag does not
  // change with the javac that happened to compile it (two JDKs may order a constant pool differently).
  const inputs = createHash('sha256');
  for (const file of [
    ...listFiles(SOURCES, '.java'),
    ...listFiles(STUBS, '.java'),
    fileURLToPath(import.meta.url),
  ].sort()) {
    inputs
      .update(`${path.relative(root, file).split(path.sep).join('/')}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  writeFileSync(
    out.replace(/\.jar$/, '') + '.json',
    `${JSON.stringify({ mainClass: MAIN_CLASS, sourceSha256: inputs.digest('hex'), jarSha256: createHash('sha256').update(jar).digest('hex') }, null, 2)}\n`,
  );
  const sha = createHash('sha256').update(jar).digest('hex');
  console.log(`build-runner: ${path.relative(process.cwd(), out) || out} (${jar.length} bytes, sha256 ${sha})`);
} finally {
  rmSync(classes, { recursive: true, force: true });
}

/** A stored (uncompressed) zip with fixed times: see the note at the top. */
function zip(files) {
  const DOS_TIME = 1; // 00:00:02 (two-second units)
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const UTF8_NAMES = 0x0800;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(10, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
