/**
 * Minimal hand-written PDFs for tests: N pages of ASCII text (Helvetica), pages holding only an
 * image (a scan: no text layer), and an encrypted trailer. Real CJK PDFs are committed fixtures
 * made by LibreOffice (see scripts/make-pdf-fixtures.sh).
 */
export function buildPdf(pages: number, options: { text?: (page: number) => string; image?: boolean; encrypted?: boolean } = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) && objects.length;
  const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const image = add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream');
  const kids: number[] = [];
  for (let p = 1; p <= pages; p++) {
    const content = options.image ? 'q 500 0 0 700 40 60 cm /Im1 Do Q' : options.text ? `BT /F1 12 Tf 72 720 Td (${options.text(p).replace(/[()\\]/g, '\\$&')}) Tj ET` : '';
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`;
  let encrypt = '';
  if (options.encrypted) {
    const e = add('<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <' + 'ab'.repeat(32) + '> /U <' + 'cd'.repeat(32) + '> >>');
    encrypt = ` /Encrypt ${e} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`;
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
