// A real SMTP server on loopback for tests that send mail: the app talks to it through
// nodemailer exactly as it would to a relay, and the test reads what arrived.
// No TLS, no authentication required, nothing leaves 127.0.0.1.
import type { AddressInfo } from 'node:net';
import { simpleParser, type HeaderValue } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { resetEnvForTests } from '@/lib/env';
import { perFile } from './per-file';

export type ReceivedMail = {
  /** Envelope sender (MAIL FROM), a bare address. */
  from: string;
  /** Envelope recipients (RCPT TO), bare addresses. */
  to: string[];
  subject: string;
  /** The decoded plain-text body (quoted-printable/base64 undone). */
  text: string;
  /** Header name (lower case) to value; structured headers (From, To, Date, ...) as written. First occurrence wins. */
  headers: Record<string, string>;
  /** The message exactly as received after DATA. */
  raw: string;
  /** Decoded attachments (e.g. a PDF handout). */
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

export type SmtpPeer = {
  port: number;
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  url: string;
  /** Every accepted message, in order of arrival. A message is here before its sender's sendMail resolves. */
  messages: ReceivedMail[];
  /** Close the listener (new connections are refused) and drop open ones. No-op when stopped. */
  stop(): Promise<void>;
  /** Listen again on the same port. No-op when running. */
  start(): Promise<void>;
  /** Resolve with the messages once at least `count` have arrived; rejects after timeoutMs (default 5000). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forget the received messages. */
  clear(): void;
  /** Answer the next n messages with 451 (temporary failure) at MAIL FROM; rejectNext(0) cancels. */
  rejectNext(n: number): void;
};

const HOST = '127.0.0.1';

function headerValue(value: HeaderValue | undefined, rawLine: string): string {
  if (typeof value === 'string') return value;
  // Structured or repeated header: the value as written, unfolded.
  return rawLine.slice(rawLine.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

async function parse(raw: string, envelopeFrom: string, envelopeTo: string[]): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    if (!(key in headers)) headers[key] = headerValue(parsed.headers.get(key), line);
  }
  const attachments = parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content }));
  return { from: envelopeFrom, to: envelopeTo, subject: parsed.subject ?? '', text: parsed.text ?? '', headers, raw, attachments };
}

export async function startSmtpPeer(options: { port?: number } = {}): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let rejects = 0;
  let port = options.port ?? 0;
  let server: SMTPServer | undefined;

  const notify = () => { for (const waiter of [...waiters]) waiter(); };

  const createServer = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      disableReverseLookup: true,
      closeTimeout: 200,
      onMailFrom(_address, _session, callback) {
        if (rejects > 0) {
          rejects -= 1;
          const error: SMTPServerError = new Error('Temporary failure, try again later');
          error.responseCode = 451;
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const to = session.envelope.rcptTo.map((r) => r.address);
          // Reply 250 only once the message is recorded, so an awaited sendMail can be checked at once.
          parse(raw, from, to).then(
            (mail) => { messages.push(mail); notify(); callback(); },
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        });
      },
    });

  const peer: SmtpPeer = {
    port,
    url: '',
    messages,
    async start() {
      if (server) return;
      const next = createServer();
      await new Promise<void>((resolve, reject) => {
        next.server.once('error', reject);
        next.listen(port, HOST, () => {
          next.server.off('error', reject);
          resolve();
        });
      });
      server = next;
      if (port === 0) {
        port = (next.server.address() as AddressInfo).port;
        peer.port = port;
        peer.url = `smtp://${HOST}:${port}`;
      }
    },
    async stop() {
      const current = server;
      if (!current) return;
      server = undefined;
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    waitFor(count, timeoutMs = 5_000) {
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve([...messages]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP peer: expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    clear() {
      messages.length = 0;
    },
    rejectNext(n) {
      rejects = Math.max(0, n);
    },
  };
  peer.url = `smtp://${HOST}:${port}`;
  await peer.start();
  return peer;
}

/** The current values of these environment variables, to put back with setEnv after the tests. */
export function snapshotEnv(keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, process.env[k]]));
}

/** Set (a value) or unset (undefined) environment variables and reload lib/env's cached view of them. */
export function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
}

/**
 * The test file's SMTP peer: started in beforeAll with SMTP_URL pointing at it and `env` set
 * (MAIL_FROM, APP_URL…; `smtpUrl: false` leaves SMTP_URL for the tests to set), stopped in
 * afterAll with those variables put back as they were. Usable from beforeAll on.
 */
export function setupSmtpPeer(env: Record<string, string | undefined> = {}, options: { smtpUrl?: boolean } = {}): SmtpPeer {
  const saved = snapshotEnv(['SMTP_URL', ...Object.keys(env)]);
  const current = perFile(
    'The SMTP peer',
    async () => {
      const peer = await startSmtpPeer();
      setEnv(options.smtpUrl === false ? env : { SMTP_URL: peer.url, ...env });
      return peer;
    },
    async (peer) => {
      await peer.stop();
      setEnv(saved);
    },
  );
  return {
    get port() { return current().port; },
    get url() { return current().url; },
    get messages() { return current().messages; },
    stop: () => current().stop(),
    start: () => current().start(),
    waitFor: (count, timeoutMs) => current().waitFor(count, timeoutMs),
    clear: () => current().clear(),
    rejectNext: (n) => current().rejectNext(n),
  };
}
