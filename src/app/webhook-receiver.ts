import { messageOf } from '../errors.js';
import { createHmac, timingSafeEqual, type Hmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** GitHub caps a webhook delivery at 25 MB; nothing larger can be a real one. */
export const DEFAULT_WEBHOOK_MAX_BYTES = 25 * 1024 * 1024;

export interface VerifiedDelivery {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

export interface WebhookReceiverOptions {
  secret: string;
  /** Bodies above this many bytes are refused (413) without being kept. */
  maxBodyBytes: number;
  /**
   * Bytes all unverified bodies may hold at once: past it, a delivery is refused (503) rather than
   * buffered, so many concurrent large forged bodies cannot add up. Default four bodies' worth.
   */
  maxBufferedBytes?: number;
  /** Hands a verified delivery to the app (Probot's `receive`). */
  receive(delivery: VerifiedDelivery): Promise<void>;
  log: { warn(msg: string): void; error(msg: string): void };
}

/** How long a refused, unread body is discarded before its connection is cut. */
const DRAIN_MS = 2000;
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
const JSON_CONTENT = /^\s*application\/json\s*(;|$)/i;

/**
 * The webhook endpoint, in place of Probot's middleware, which reads a body whole before checking
 * its signature and logs a refused one in full. Here the size is checked before reading (the
 * declared length at once, a chunked body as it streams), the HMAC is computed while it streams,
 * and a refused delivery costs one short log line that never quotes the body.
 */
export function createWebhookReceiver(
  options: WebhookReceiverOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const budget = { left: options.maxBufferedBytes ?? 4 * options.maxBodyBytes };
  return (req, res) => void receiveDelivery(req, res, options, budget);
}

interface Attempt {
  req: IncomingMessage;
  res: ServerResponse;
  id: string;
  event: string;
  bytes: number;
  log: WebhookReceiverOptions['log'];
}

async function receiveDelivery(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebhookReceiverOptions,
  budget: { left: number },
): Promise<void> {
  const attempt: Attempt = {
    req,
    res,
    id: headerText(req, 'x-github-delivery'),
    event: headerText(req, 'x-github-event'),
    bytes: 0,
    log: options.log,
  };
  if (req.method !== 'POST') return refuse(attempt, 405, 'only POST is accepted here', { keepQuiet: true });
  const declared = req.headers['content-length'];
  if (declared !== undefined) attempt.bytes = Number(declared);
  if (declared !== undefined && Number(declared) > options.maxBodyBytes)
    return refuse(attempt, 413, `body larger than ${options.maxBodyBytes} bytes (GitHub sends at most 25 MB)`);
  if (!JSON_CONTENT.test(req.headers['content-type'] ?? ''))
    return refuse(attempt, 415, 'content-type must be application/json');
  const missing = ['x-github-event', 'x-github-delivery', 'x-hub-signature-256'].filter(
    (h) => req.headers[h] === undefined,
  );
  if (missing.length > 0)
    return refuse(attempt, 400, `missing header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const claimed = SIGNATURE.exec(headerText(req, 'x-hub-signature-256', 80))?.[1];
  if (!claimed) return refuse(attempt, 400, 'x-hub-signature-256 is not sha256=<64 hex digits>');

  const hmac = createHmac('sha256', options.secret);
  const body = await readBounded(attempt, hmac, options.maxBodyBytes, budget);
  if (!body) return;
  const expected = hmac.digest();
  if (!timingSafeEqual(expected, Buffer.from(claimed, 'hex')))
    return refuse(attempt, 400, 'signature does not match the body and the webhook secret');

  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return refuse(attempt, 400, 'body is not valid JSON');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return refuse(
      attempt,
      400,
      `body must be a JSON object; found ${payload === null ? 'null' : Array.isArray(payload) ? 'an array' : typeof payload}`,
    );
  }
  try {
    await options.receive({ id: attempt.id, name: attempt.event, payload: payload as Record<string, unknown> });
  } catch (e) {
    // The handlers only queue work; Probot has already logged what failed, with the event id.
    options.log.error(
      `webhook delivery ${attempt.id} (${attempt.event}) could not be handled: ${messageOf(e).slice(0, 200)}`,
    );
    if (!res.headersSent)
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'the delivery could not be handled; see the app log' }));
    return;
  }
  if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
}

/**
 * The body, hashed as it arrives, or undefined once refused: above `max` bytes, or when all
 * bodies being read would hold more than the shared budget. The budget is given back when done.
 */
function readBounded(attempt: Attempt, hmac: Hmac, max: number, budget: { left: number }): Promise<Buffer | undefined> {
  const { req } = attempt;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let held = 0;
    let done = false;
    const finish = (body: Buffer | undefined) => {
      if (done) return;
      done = true;
      budget.left += held;
      held = 0;
      chunks.length = 0;
      req.removeAllListeners('data');
      resolve(body);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      if (held + chunk.length > max) {
        attempt.bytes = held + chunk.length;
        finish(undefined);
        refuse(attempt, 413, `body larger than ${max} bytes (GitHub sends at most 25 MB)`);
        return;
      }
      if (chunk.length > budget.left) {
        finish(undefined);
        refuse(attempt, 503, 'too many large deliveries at once; try again');
        return;
      }
      budget.left -= chunk.length;
      held += chunk.length;
      attempt.bytes = held;
      hmac.update(chunk);
      chunks.push(chunk);
    });
    req.once('end', () => {
      const body = Buffer.concat(chunks, held);
      finish(body);
    });
    req.once('error', () => finish(undefined));
    req.once('close', () => finish(undefined));
  });
}

/**
 * Answers a refused delivery and logs it once, in one line. A body not yet read is not read: the
 * connection is closed after the answer instead of being drained.
 */
function refuse(attempt: Attempt, status: number, reason: string, options: { keepQuiet?: boolean } = {}): void {
  const { req, res } = attempt;
  if (!options.keepQuiet)
    attempt.log.warn(
      `webhook refused (${status}): delivery ${attempt.id || '-'}, event ${attempt.event || '-'}, ${Number.isFinite(attempt.bytes) ? attempt.bytes : '?'} bytes: ${reason}`,
    );
  if (res.headersSent) return;
  const unread = !req.complete;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: reason }));
  if (unread) {
    // Closing at once with unread bytes pending resets the connection, and the client loses the
    // answer: the rest is discarded as it comes (memory stays flat) for a moment, then cut off.
    req.removeAllListeners('data');
    req.resume();
    const socket = req.socket;
    const cut = setTimeout(() => socket.destroy(), DRAIN_MS);
    cut.unref();
    socket.once('close', () => clearTimeout(cut));
  }
}

/** A header as one short printable line: the sender chooses it, so it is clipped and cleaned for the log. */
function headerText(req: IncomingMessage, name: string, max = 64): string {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.slice(0, max).replace(/[^\x20-\x7e]/g, '?');
}
