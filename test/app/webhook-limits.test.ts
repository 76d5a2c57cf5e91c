// The webhook endpoint under unauthenticated load (issue 10, findings 4 and 10): bodies larger
// than GitHub's 25 MB cap are refused before they are read whole, a refused delivery costs one
// short log line, and a signed body that is not a JSON object is a 400, not a 500.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, test } from 'vitest';
import { signature } from '../support/webhooks.js';
import { useE2e } from './e2e-harness.js';

const MB = 1024 * 1024;
/** The app's resident memory may not pass this, whatever the attack (it idles near 100 MB). */
const RSS_BOUND = 300 * MB;
/** Eight refused deliveries: eight lines of about 200 bytes. */
const LOG_GROWTH_BOUND = 4 * 1024;

const e2e = useE2e();

interface Answer {
  status: number;
  body: string;
  /** Bytes the sender managed to write before the app answered or cut the connection. */
  sent: number;
}

/**
 * POSTs `total` bytes of a forged delivery, written 64 KB at a time from one buffer (the test
 * never holds the body), with a declared content-length or chunked. Stops writing once answered.
 */
function sendForged(url: string, options: { total: number; chunked: boolean; fill?: string }): Promise<Answer> {
  const chunk = Buffer.alloc(64 * 1024, options.fill ?? 'A');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': 'pull_request',
    'x-github-delivery': randomUUID(),
    'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
  };
  if (!options.chunked) headers['content-length'] = String(options.total);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered: Answer | undefined;
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.once('end', () => resolve((answered = { status: res.statusCode ?? 0, body, sent })));
      res.once('error', () => resolve((answered = { status: res.statusCode ?? 0, body, sent })));
    });
    req.once('error', (e) => (answered ? undefined : reject(new Error(`no answer after ${sent} bytes: ${e.message}`))));
    const pump = () => {
      while (sent < options.total && !req.destroyed && !answered) {
        const part = chunk.subarray(0, Math.min(chunk.length, options.total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      if (sent >= options.total) req.end();
    };
    pump();
  });
}

/** The app's output since `from`, once `lines` refusals have reached it (its stdout lags its answers) and it went quiet. */
async function refusalsLogged(from: number, lines: number): Promise<string> {
  const count = () =>
    e2e()
      .app.logs.slice(from)
      .split('\n')
      .filter((l) => l.includes('webhook refused')).length;
  const deadline = Date.now() + 10_000;
  while (count() < lines && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 500));
  return e2e().app.logs.slice(from);
}

describe('webhook body limits', { timeout: 120_000 }, () => {
  test('a 100 MB forged body with a declared length is refused with 413 before it is read, alone and four at once', async () => {
    const logBefore = e2e().app.logs.length;
    const one = await sendForged(e2e().app.webhookUrl, { total: 100 * MB, chunked: false });
    const four = await Promise.all(
      [1, 2, 3, 4].map(() => sendForged(e2e().app.webhookUrl, { total: 100 * MB, chunked: false })),
    );
    for (const answer of [one, ...four]) {
      expect(answer.status, answer.body).toBe(413);
      // Answered at the headers: far less than the body was needed.
      expect(answer.sent).toBeLessThan(100 * MB);
    }
    expect(e2e().app.memory().peak).toBeLessThan(RSS_BOUND);
    const grown = await refusalsLogged(logBefore, 5);
    expect(grown.length).toBeLessThan(LOG_GROWTH_BOUND);
    expect(grown.split('\n').filter((l) => l.includes('webhook refused'))).toHaveLength(5);
    expect(grown).not.toContain('AAAAAAAA');
  });

  test('a 100 MB forged body sent chunked (no length) is cut off at 25 MB, four at once too, and memory stays bounded', async () => {
    const logBefore = e2e().app.logs.length;
    const one = await sendForged(e2e().app.webhookUrl, { total: 100 * MB, chunked: true });
    const four = await Promise.all(
      [1, 2, 3, 4].map(() => sendForged(e2e().app.webhookUrl, { total: 100 * MB, chunked: true })),
    );
    expect(one.status, one.body).toBe(413);
    // Four at once may also meet the shared budget for unverified bodies (503): either way, refused.
    for (const answer of four) expect([413, 503], answer.body).toContain(answer.status);
    for (const answer of [one, ...four]) expect(answer.sent).toBeLessThan(100 * MB);
    expect(e2e().app.memory().peak).toBeLessThan(RSS_BOUND);
    const grown = await refusalsLogged(logBefore, 5);
    expect(grown.length).toBeLessThan(LOG_GROWTH_BOUND);
    expect(grown.split('\n').filter((l) => l.includes('webhook refused'))).toHaveLength(5);
    expect(grown).not.toContain('AAAAAAAA');
    // The app still serves a real delivery afterwards.
    const after = await e2e().deliver('ping', { zen: 'still here', hook_id: 1 });
    expect(after.status, after.body).toBe(200);
  });

  test('a badly signed small body is refused with 400 and logged in one line that quotes none of it', async () => {
    const marker = `FORGED-BODY-MARKER-${randomUUID()}`;
    const payload = { action: 'opened', note: marker, repository: { full_name: marker } };
    const logBefore = e2e().app.logs.length;
    const d = await e2e().deliver('pull_request', payload, {
      signatureOverride: signature(JSON.stringify(payload), 'not-the-secret'),
    });
    expect(d.status, d.body).toBe(400);
    expect(d.body).not.toContain(marker);
    const lines = (await refusalsLogged(logBefore, 1)).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(d.deliveryId);
    expect(lines[0]).toMatch(/signature/);
    expect(lines[0]).not.toContain(marker);
    expect(lines[0]!.length).toBeLessThan(400);
  });
});

describe('signed deliveries in the log', { timeout: 60_000 }, () => {
  test('a signed 2 MB delivery is logged as one line naming it, never whole', async () => {
    const marker = `SIGNED-BODY-MARKER-${randomUUID()}`;
    const logBefore = e2e().app.logs.length;
    const d = await e2e().deliver('ping', { zen: marker.repeat(Math.ceil((2 * MB) / marker.length)), hook_id: 1 });
    expect(d.status, d.body).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const grown = e2e().app.logs.slice(logBefore);
    expect(grown).toContain(d.deliveryId);
    expect(grown).not.toContain(marker);
    expect(grown.length).toBeLessThan(2048);
  });
});

describe('signed bodies that are not a webhook object', { timeout: 60_000 }, () => {
  test('a signed null, array, number, string and invalid JSON body each answer 400 with a short reason, not 500', async () => {
    const bodies: [string, RegExp][] = [
      ['null', /JSON object.*null/],
      ['[1,2]', /JSON object.*array/],
      ['42', /JSON object.*number/],
      ['"text"', /JSON object.*string/],
      ['{"action": "opened",', /not valid JSON/],
    ];
    for (const [body, reason] of bodies) {
      const res = await fetch(e2e().app.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'pull_request',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': signature(body, e2e().credentials.webhookSecret),
        },
        body,
      });
      const text = await res.text();
      expect(res.status, `${body} → ${text}`).toBe(400);
      expect(text).toMatch(reason);
      expect(text.length).toBeLessThan(200);
    }
    // Nothing reached GitHub and the app is alive.
    expect((await fetch(`${e2e().app.url}/healthz`)).status).toBe(200);
  });
});
