import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { parseMessage, type CaughtMail } from './mime';
import type { RunningService } from './postgres';

export interface MailCatcher extends RunningService {
  dir: string;
  webUrl?: string;
}

/**
 * A real SMTP listener that keeps every message as an .eml file in `dir` (one file per
 * recipient set, named in arrival order), and optionally a small web page to read them.
 * It is the embedded mode's mail relay and the tests' mailbox.
 */
export async function startMailCatcher(opts: { dir: string; smtpPort: number; webPort?: number }): Promise<MailCatcher> {
  mkdirSync(opts.dir, { recursive: true });
  let seq = readdirSync(opts.dir).filter((f) => f.endsWith('.eml')).length;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        seq += 1;
        const name = `${String(Date.now()).padStart(14, '0')}-${String(seq).padStart(6, '0')}.eml`;
        writeFileSync(join(opts.dir, name), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(opts.smtpPort, '127.0.0.1', () => {
      smtp.removeListener('error', reject);
      // from now on, a client resetting its connection (a worker killed mid-send) is not the catcher's failure
      smtp.on('error', () => undefined);
      resolve();
    });
  });

  let web: Server | undefined;
  if (opts.webPort) {
    web = createServer((req, res) => serveMailbox(opts.dir, req.url ?? '/', res));
    await new Promise<void>((resolve) => web!.listen(opts.webPort, '127.0.0.1', () => resolve()));
  }
  return {
    url: `smtp://127.0.0.1:${opts.smtpPort}`,
    dir: opts.dir,
    webUrl: opts.webPort ? `http://127.0.0.1:${opts.webPort}/` : undefined,
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web!.close(() => resolve()));
    },
  };
}

/** Every message caught in `dir`, oldest first. */
export function readMailbox(dir: string): CaughtMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return files.map((f) => ({ ...parseMessage(readFileSync(join(dir, f))), file: f }));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function serveMailbox(dir: string, url: string, res: import('node:http').ServerResponse): void {
  const mails = readMailbox(dir);
  const one = /^\/mail\/([\w.-]+)$/.exec(url);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  if (one) {
    const mail = mails.find((m) => m.file === one[1]);
    if (!mail) return void res.writeHead(404).end('not found');
    // the HTML part is shown as text: the catcher is for reading what was sent, not for rendering it
    return void res.end(
      `<!doctype html><meta charset="utf-8"><title>${esc(mail.subject)}</title><p><a href="/">← 收件箱</a></p>` +
        `<h1>${esc(mail.subject)}</h1><p>From: ${esc(mail.from)}<br>To: ${esc(mail.to.join(', '))}<br>Date: ${esc(mail.date)}</p>` +
        `<pre style="white-space:pre-wrap">${esc(mail.text)}</pre>` +
        (mail.html ? `<h2>HTML</h2><iframe sandbox style="width:100%;height:60vh" srcdoc="${esc(mail.html)}"></iframe>` : ''),
    );
  }
  const rows = mails
    .reverse()
    .map((m) => `<tr><td>${esc(m.date)}</td><td>${esc(m.to.join(', '))}</td><td><a href="/mail/${m.file}">${esc(m.subject)}</a></td></tr>`)
    .join('');
  res.end(
    `<!doctype html><meta charset="utf-8"><title>督办 caught mail</title><h1>Caught mail (${mails.length})</h1>` +
      `<table border="1" cellpadding="4"><tr><th>Date</th><th>To</th><th>Subject</th></tr>${rows}</table>`,
  );
}
