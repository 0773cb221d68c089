/** Just enough MIME to read back what nodemailer sends: headers, encoded words, multipart, base64 and quoted-printable. */
export interface CaughtMail {
  file?: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  messageId: string;
  headers: Record<string, string>;
  text: string;
  html: string;
  /** Parts that are neither the text nor the HTML body (inline pictures, files). */
  attachments: CaughtPart[];
}

export interface CaughtPart {
  contentType: string;
  /** Content-ID without the angle brackets, for inline parts. */
  cid: string | null;
  content: Buffer;
}

export function parseMessage(raw: Buffer | string): CaughtMail {
  const { headers, body } = splitHeaders(raw.toString('latin1'));
  const parts = collectParts(headers, body);
  return {
    from: decodeWords(headers['from'] ?? ''),
    to: decodeWords(headers['to'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    subject: decodeWords(headers['subject'] ?? ''),
    date: headers['date'] ?? '',
    messageId: headers['message-id'] ?? '',
    headers,
    text: parts.text,
    html: parts.html,
    attachments: parts.attachments,
  };
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? '' : raw.slice(cut).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

type Parts = { text: string; html: string; attachments: CaughtPart[] };

function collectParts(headers: Record<string, string>, body: string): Parts {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const out: Parts = { text: '', html: '', attachments: [] };
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitHeaders(chunk.replace(/^\r?\n/, ''));
      const inner = collectParts(part.headers, part.body);
      out.text ||= inner.text;
      out.html ||= inner.html;
      out.attachments.push(...inner.attachments);
    }
    return out;
  }
  const encoding = headers['content-transfer-encoding'] ?? '7bit';
  if (!/^text\/(plain|html)/i.test(type) || /attachment/i.test(headers['content-disposition'] ?? '')) {
    const raw = encoding.toLowerCase() === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'latin1');
    const cid = headers['content-id']?.replace(/^<|>$/g, '') ?? null;
    return { text: '', html: '', attachments: [{ contentType: type.split(';')[0].trim().toLowerCase(), cid, content: raw }] };
  }
  const content = decodeBody(body, encoding);
  return /text\/html/i.test(type) ? { text: '', html: content, attachments: [] } : { text: content, html: '', attachments: [] };
}

function decodeBody(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return Buffer.from(body, 'latin1').toString('utf8');
}

function decodeWords(value: string): string {
  const decoded = value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*(?==\?)?/gi, (_, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
  return /[\x80-\xff]/.test(decoded) && !/=\?/.test(value) ? Buffer.from(decoded, 'latin1').toString('utf8') : decoded;
}
