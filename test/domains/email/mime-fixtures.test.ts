import { expect } from 'chai';
import { EmailSettings } from '../../../domains/email';
import { parseMessage } from '../../../domains/email/mime/parse-message';
import { readReport } from '../../../domains/email/mime/delivery-report';
import { fixture } from './fixtures';

// The MIME layer on its own (no database): what the parser and the report reader make of the fixtures.
describe('email: MIME fixtures through mailparser and the raw report reader', () => {
  const caps = new EmailSettings();

  it('multipart with an inline image and a PDF attachment: addresses, both bodies, attachment metadata', async () => {
    const p = await parseMessage(fixture('multipart-attachments.eml'), caps);
    expect(p.messageId).to.equal('multi-1@client.example');
    expect(p.from).to.deep.equal({ email: 'alice@client.example', name: 'Doe, Alice' });
    expect(p.to).to.deep.equal([{ email: 'support@msp.example' }, { email: 'bob@client.example', name: 'Bob' }]);
    expect(p.cc).to.deep.equal([{ email: 'carol@client.example' }]);
    expect(p.subject).to.equal('Server error – screenshot attached');
    expect(p.text).to.contain('Log attached – thanks!');
    expect(p.html).to.contain('cid:shot1@client.example');
    expect(p.attachments).to.have.length(2);
    const [png, pdf] = p.attachments;
    expect(png).to.deep.include({ id: 'att-1', name: 'screenshot.png', contentType: 'image/png', contentId: 'shot1@client.example', isInline: true });
    expect(pdf).to.deep.include({ id: 'att-2', name: 'error-log.pdf', contentType: 'application/pdf' });
    expect(pdf.size).to.be.greaterThan(300);
    expect(pdf.isInline).to.equal(undefined);
    expect(p.automatic).to.equal(false);
  });

  it('windows-1252: the euro sign and curly quotes in 0x80–0x9F decode correctly, in the body and the encoded-word subject', async () => {
    const p = await parseMessage(fixture('windows-1252.eml'), caps);
    expect(p.subject).to.equal('Facture € 120 “urgent”');
    expect(p.from).to.deep.equal({ email: 'rene@client.example', name: 'René Dupré' });
    expect(p.text!.trim()).to.equal('La facture de 120 € est “urgente”, merci de vérifier.');
  });

  it('ISO-2022-JP: Japanese body and subject', async () => {
    const p = await parseMessage(fixture('iso-2022-jp.eml'), caps);
    expect(p.subject).to.equal('プリンター故障');
    expect(p.text!.trim()).to.equal('プリンターが動きません。至急お願いします。');
  });

  it('an oversized attachment is left out with attachment_over_max_bytes; the small one is kept', async () => {
    const p = await parseMessage(fixture('oversized-attachment.eml'), new EmailSettings({ maxAttachmentBytes: 100 * 1024 }));
    expect(p.attachments.map((a) => a.name)).to.deep.equal(['note.txt']);
    expect(p.skips).to.deep.equal([{ type: 'attachment', reason: 'attachment_over_max_bytes', attachmentId: 'att-1', attachmentName: 'disk.img', size: 200 * 1024, cap: 100 * 1024 }]);
  });

  it('count and total caps, and a raw message over the size cap (kept unparsed)', async () => {
    const counted = await parseMessage(fixture('multipart-attachments.eml'), new EmailSettings({ maxAttachments: 1 }));
    expect(counted.skips).to.deep.equal([{ type: 'attachment', reason: 'attachment_count_exceeded', attachmentId: 'att-2', attachmentName: 'error-log.pdf', size: 2, cap: 1 }]);
    const total = await parseMessage(fixture('oversized-attachment.eml'), new EmailSettings({ maxTotalAttachmentBytes: 5 }));
    expect(total.skips.map((s) => s.reason)).to.deep.equal(['attachment_total_bytes_exceeded', 'attachment_total_bytes_exceeded']);
    const raw = fixture('oversized-attachment.eml');
    const tooBig = await parseMessage(raw, new EmailSettings({ maxRawMimeBytes: 1000 }));
    expect(tooBig.skips).to.deep.equal([{ type: 'raw_mime', reason: 'raw_mime_over_max_bytes', size: raw.length, cap: 1000 }]);
    expect(tooBig.unparsable).to.be.a('string');
  });

  it('a header flood and bytes that are not a message are kept as unparsable, never thrown', async () => {
    const flood = Buffer.from(Array.from({ length: 5000 }, (_, i) => `X-Flood-${i}: x`).join('\r\n') + '\r\n\r\nbody');
    expect((await parseMessage(flood, caps)).unparsable).to.match(/header lines/);
    const junk = await parseMessage(Buffer.from([0, 1, 2, 3, 255, 254]), caps);
    expect(junk.unparsable).to.be.a('string');
    expect(junk.messageId).to.match(/@no-message-id\.invalid$/);
  });

  it('automatic mail: Auto-Submitted (RFC 3834) and the null sender of a DSN', async () => {
    expect((await parseMessage(fixture('out-of-office.eml'), caps)).automatic).to.equal(true);
    const dsn = await parseMessage(fixture('dsn-bounce.eml', { MESSAGE_ID: 'm@msp.example', ENVELOPE_TOKEN: 't' }), caps);
    expect(dsn).to.include({ nullSender: true, automatic: true, reportType: 'delivery-status' });
    expect((await parseMessage(fixture('new-request.eml'), caps)).automatic).to.equal(false);
  });

  it('the DSN is read from the raw MIME: recipient, action, status, diagnostic and the original Message-ID', async () => {
    const report = await readReport(fixture('dsn-bounce.eml', { MESSAGE_ID: 'orig-1@msp.example', ENVELOPE_TOKEN: 't' }));
    expect(report).to.deep.equal({
      kind: 'dsn',
      originalMessageId: 'orig-1@msp.example',
      recipients: [{ recipient: 'gone@client.example', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <gone@client.example>: Recipient address rejected: User unknown in local recipient table' }],
    });
    const delayed = await readReport(fixture('dsn-delayed.eml', { MESSAGE_ID: 'orig-2@msp.example', ENVELOPE_TOKEN: 't' }));
    expect(delayed).to.deep.include({ originalMessageId: 'orig-2@msp.example' });
    expect((delayed as any).recipients[0]).to.include({ action: 'delayed', status: '4.4.1' });
    const noHeaders = await readReport(fixture('dsn-policy-no-headers.eml', { ENVELOPE_TOKEN: 't' }));
    expect(noHeaders).to.deep.include({ originalMessageId: undefined });
  });

  it('the ARF report is read from the raw MIME: feedback type, original recipient and Message-ID', async () => {
    const report = await readReport(fixture('arf-complaint.eml', { MESSAGE_ID: 'orig-3@msp.example', ENVELOPE_TOKEN: 't' }));
    expect(report).to.deep.equal({ kind: 'arf', feedbackType: 'abuse', originalMessageId: 'orig-3@msp.example', recipient: 'annoyed@client.example', originalMailFrom: 'bounces+b-t@msp.example' });
  });
});
