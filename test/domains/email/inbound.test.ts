import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { createHash } from 'node:crypto';
import sinon from 'sinon';
import { forEachDatabase } from '../../support/databases';
import { fixture } from './fixtures';
import { freshMailDeskPerTest } from './mail-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A client's answer to one of our messages, as their mail program writes it. */
function answer(opts: { to?: string; inReplyTo?: string; references?: string[]; messageId: string; text?: string; from?: string }): Buffer {
  const lines = [
    `From: Alice Doe <${opts.from ?? 'alice@client.example'}>`,
    `To: ${opts.to ?? 'support@msp.example'}`,
    'Subject: Re: Printer on 2nd floor is offline',
    `Message-ID: <${opts.messageId}>`,
    ...(opts.inReplyTo ? [`In-Reply-To: <${opts.inReplyTo}>`] : []),
    ...(opts.references ? [`References: ${opts.references.map((r) => `<${r}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.text ?? 'It works again, thank you!',
    '',
    'On Mon, Mar 2, 2026 at 9:05 AM Support <support@msp.example> wrote:',
    '> Restarted the print spooler.',
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

forEachDatabase('email: inbound messages, tickets and threading', (target) => {
  const desk = freshMailDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  it('a new message from a known contact: INBOUND_EMAIL_RECEIVED with the parsed message, raw kept, and a ticket opened', async () => {
    const provider = await desk.connected();
    const raw = fixture('new-request.eml');
    const result = await desk.ingest(provider.id, raw);
    expect(result).to.include({ isNew: true, outcome: 'ticket_opened' });
    expect(desk.kit.events).to.have.emitted('INBOUND_EMAIL_RECEIVED').withPayload({
      providerId: provider.id,
      emailData: {
        id: 'req-1@client.example',
        threadId: 'req-1@client.example',
        from: { email: 'alice@client.example', name: 'Alice Doe' },
        to: [{ email: 'support@msp.example', name: 'Support' }],
        subject: 'Printer on 2nd floor is offline',
        body: { text: 'Hi, the printer on the 2nd floor shows "offline" since this morning.\nCan someone look at it?\n\nAlice\n' },
        receivedAt: T0.toISOString(),
        providerId: provider.id,
        rawMimeRef: sha(raw),
      },
      tenantId: desk.kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    expect(await desk.kit.runtime.blobStore.read(sha(raw))).to.deep.equal(raw);
    expect(desk.kit.events).to.have.emitted('TICKET_CREATED').withPayload({ ticketId: result.ticketId, changes: { title: { previous: null, new: 'Printer on 2nd floor is offline' } } }).times(1);
    expect(desk.kit.events).to.have.emitted('TICKET_CUSTOMER_REPLIED').withPayload({ ticketId: result.ticketId, contactId: desk.alice.contactId }).times(1);
  });

  it('empty bytes name the field raw; nothing is kept or emitted', async () => {
    const provider = await desk.connected();
    const err = await desk.ingest(provider.id, Buffer.alloc(0)).catch((e) => e);
    expect(err.field).to.equal('raw');
    expect(await desk.kit.db('email_inbound_messages')).to.be.empty;
    expect(desk.kit.events.all).to.be.empty;
  });

  it('the same message notified twice is received once', async () => {
    const provider = await desk.connected();
    await desk.ingest(provider.id, fixture('new-request.eml'));
    const again = await desk.ingest(provider.id, fixture('new-request.eml'));
    expect(again.isNew).to.equal(false);
    expect(desk.kit.events.ofType('INBOUND_EMAIL_RECEIVED')).to.have.length(1);
    expect(desk.kit.events.ofType('TICKET_CREATED')).to.have.length(1);
  });

  it('the same message ingested concurrently is received once', async function () {
    if (target.name !== 'postgres') this.skip();
    const provider = await desk.connected();
    await Promise.all([desk.ingest(provider.id, fixture('new-request.eml')), desk.ingest(provider.id, fixture('new-request.eml')), desk.ingest(provider.id, fixture('new-request.eml'))]);
    expect(desk.kit.events.ofType('INBOUND_EMAIL_RECEIVED')).to.have.length(1);
    expect(await desk.kit.db('email_inbound_messages')).to.have.length(1);
  });

  it('attachments, inline parts and skip reasons are in the payload; their bytes are not', async () => {
    desk.settings.maxAttachmentBytes = 100 * 1024;
    const provider = await desk.connected();
    await desk.ingest(provider.id, fixture('multipart-attachments.eml'));
    await desk.ingest(provider.id, fixture('oversized-attachment.eml'));
    const [multi, big] = desk.kit.events.ofType('INBOUND_EMAIL_RECEIVED').map((e) => e.payload as any);
    expect(multi.emailData.attachments.map((a: any) => [a.name, a.isInline ?? false])).to.deep.equal([['screenshot.png', true], ['error-log.pdf', false]]);
    expect(multi.emailData.cc).to.deep.equal([{ email: 'carol@client.example' }]);
    expect(big.emailData.ingressSkipReasons).to.deep.equal([{ type: 'attachment', reason: 'attachment_over_max_bytes', attachmentId: 'att-1', attachmentName: 'disk.img', size: 204800, cap: 102400 }]);
    expect(JSON.stringify(big).length).to.be.lessThan(5000);
  });

  it('unknown senders, out-of-office replies and unparsable messages are received but open no ticket and get no answer', async () => {
    const provider = await desk.connected();
    const stranger = await desk.ingest(provider.id, answer({ messageId: 's-1@elsewhere.example', from: 'stranger@elsewhere.example' }));
    const ooo = await desk.ingest(provider.id, fixture('out-of-office.eml'));
    const flood = Buffer.from(Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`).join('\r\n') + '\r\n\r\nx');
    const junk = await desk.ingest(provider.id, flood);
    expect([stranger.outcome, ooo.outcome, junk.outcome]).to.deep.equal(['unknown_sender', 'automatic', 'unparsable']);
    expect(desk.kit.events.ofType('INBOUND_EMAIL_RECEIVED')).to.have.length(3);
    expect(desk.kit.events.ofType('TICKET_CREATED')).to.be.empty;
    expect(await desk.kit.db('email_outbound_messages')).to.be.empty;
    expect(await desk.kit.runtime.blobStore.has(sha(flood))).to.equal(true);
  });

  it("a technician's reply goes out threaded; the client's answer comes back by In-Reply-To: INBOUND_EMAIL_REPLY_RECEIVED and TICKET_CUSTOMER_REPLIED", async () => {
    const provider = await desk.connected();
    const opened = await desk.ingest(provider.id, fixture('new-request.eml'));
    const { queued } = await desk.run(() => desk.outbound.queue({ ticketId: opened.ticketId!, to: ['alice@client.example'], subject: 'Re: Printer on 2nd floor is offline', text: 'Restarted the print spooler.' }));
    await desk.run(() => desk.outbound.send(queued!.messageId));
    const sent = await simpleParser(desk.smtp.received[0].raw);
    expect(sent.inReplyTo).to.equal('<req-1@client.example>');
    expect(sent.references).to.equal('<req-1@client.example>');
    expect(queued!.threadId).to.equal('req-1@client.example');
    desk.kit.events.clear();
    clock!.tick(5 * 60_000);
    const reply = await desk.ingest(provider.id, answer({ messageId: 'ans-1@client.example', inReplyTo: queued!.messageId, references: ['req-1@client.example', queued!.messageId] }));
    expect(reply).to.include({ outcome: 'reply', ticketId: opened.ticketId, matchedBy: 'in_reply_to' });
    expect(desk.kit.events).to.have.emitted('INBOUND_EMAIL_REPLY_RECEIVED').withPayload({
      messageId: 'ans-1@client.example',
      threadId: 'req-1@client.example',
      ticketId: opened.ticketId,
      from: 'alice@client.example',
      to: ['support@msp.example'],
      subject: 'Re: Printer on 2nd floor is offline',
      receivedAt: new Date(T0.getTime() + 5 * 60_000).toISOString(),
      provider: 'microsoft',
      matchedBy: 'in_reply_to',
      tenantId: desk.kit.tenantId,
    }).times(1);
    expect(desk.kit.events).to.have.emitted('TICKET_CUSTOMER_REPLIED').withPayload({ ticketId: opened.ticketId }).times(1);
    expect(desk.kit.events.ofType('TICKET_CREATED')).to.be.empty;
    const posted = await desk.kit.db('ticket_messages').where({ ticket_id: opened.ticketId }).orderBy('created_at', 'desc').first();
    expect(posted).to.include({ content: 'It works again, thank you!', channel: 'email', author_type: 'contact', author_id: desk.alice.contactId });
  });

  it('a reply without In-Reply-To is matched by References, and one without any threading header by the reply token', async () => {
    const provider = await desk.connected();
    const opened = await desk.ingest(provider.id, fixture('new-request.eml'));
    desk.settings.defaultFrom = 'noreply@msp.example';
    const { queued } = await desk.run(() => desk.outbound.queue({ ticketId: opened.ticketId!, to: ['alice@client.example'], subject: 'Re: Printer', text: 'On it.' }));
    expect(queued!.from).to.equal('support@msp.example');
    const byRefs = await desk.ingest(provider.id, answer({ messageId: 'ans-2@client.example', references: ['unknown@else.example', queued!.messageId] }));
    const byToken = await desk.ingest(provider.id, answer({ messageId: 'ans-3@client.example', to: `support+r-${queued!.replyToken}@msp.example` }));
    expect([byRefs.matchedBy, byToken.matchedBy]).to.deep.equal(['references', 'reply_token']);
    expect([byRefs.ticketId, byToken.ticketId]).to.deep.equal([opened.ticketId, opened.ticketId]);
    expect(desk.kit.events.ofType('INBOUND_EMAIL_REPLY_RECEIVED')).to.have.length(2);
  });

  it('through bus and worker: INBOUND_EMAIL_RECEIVED arrives', async () => {
    const provider = await desk.connected();
    await desk.kit.scenario(() => desk.ingest(provider.id, fixture('new-request.eml'))).expect('INBOUND_EMAIL_RECEIVED').toArrive();
  });
});
