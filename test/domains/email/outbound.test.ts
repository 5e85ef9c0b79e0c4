import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import { EmailInputError } from '../../../domains/email';
import { forEachDatabase } from '../../support/databases';
import { freshMailDeskPerTest } from './mail-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');

forEachDatabase('email: outbound queue over a real SMTP server', (target) => {
  const desk = freshMailDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  const notify = (to = 'alice@client.example') => desk.run(() => desk.outbound.queue({ to: [to], subject: 'Your invoice is ready', text: 'Invoice 42 is ready.' }));

  it('queueing records the message and emits OUTBOUND_EMAIL_QUEUED', async () => {
    const ticketId = uuidv4();
    const result = await desk.run(() => desk.outbound.queue({ ticketId, to: ['Alice@Client.example'], cc: ['bob@client.example'], subject: 'Re: Printer', text: 'Fixed it.' }));
    const m = result.queued!;
    expect(m.messageId).to.match(/^[0-9a-f-]{36}@msp\.example$/);
    expect(desk.kit.events).to.have.emitted('OUTBOUND_EMAIL_QUEUED').withPayload({
      messageId: m.messageId,
      threadId: m.messageId,
      ticketId,
      from: 'support@msp.example',
      to: ['alice@client.example'],
      cc: ['bob@client.example'],
      subject: 'Re: Printer',
      queuedAt: T0.toISOString(),
      provider: 'smtp',
      tenantId: desk.kit.tenantId,
    }).times(1);
    expect(await desk.kit.db('email_outbound_messages').where({ message_id: m.messageId }).first()).to.include({ status: 'queued', kind: 'ticket_reply' });
  });

  it('bad input names the field; nothing is written or emitted', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ to: [], subject: 's', text: 't' }, 'to'],
      [{ to: ['not-an-address'], subject: 's', text: 't' }, 'to[0]'],
      [{ to: ['a@b.example'], cc: ['x'], subject: 's', text: 't', ticketId: uuidv4() }, 'cc[0]'],
      [{ to: ['a@b.example'], subject: ' ', text: 't' }, 'subject'],
      [{ to: ['a@b.example'], subject: 'a\r\nBcc: x@y.example', text: 't' }, 'subject'],
      [{ to: ['a@b.example'], subject: 's', text: '' }, 'text'],
      [{ to: ['a@b.example'], subject: 's', text: 't', ticketId: 'T-1' }, 'ticketId'],
      [{ to: ['a@b.example', 'c@d.example'], subject: 's', text: 't' }, 'to'],
      [{ to: ['a@b.example'], subject: 's', text: 't', kind: 'ticket_reply' }, 'ticketId'],
    ];
    for (const [input, field] of cases) {
      const err = await desk.run(() => desk.outbound.queue(input as any)).catch((e) => e);
      expect(err, field).to.be.instanceOf(EmailInputError);
      expect(err.field).to.equal(field);
    }
    expect(await desk.kit.db('email_outbound_messages')).to.be.empty;
    expect(desk.kit.events.all).to.be.empty;
  });

  it('send: the SMTP server accepts; OUTBOUND_EMAIL_SENT carries its queue id and the message arrives as sent', async () => {
    const { queued } = await notify();
    desk.kit.events.clear();
    const attempt = await desk.run(() => desk.outbound.send(queued!.messageId));
    expect(attempt!.outcome).to.equal('sent');
    expect(desk.kit.events).to.have.emitted('OUTBOUND_EMAIL_SENT').withPayload({
      messageId: queued!.messageId,
      providerMessageId: 'Q1',
      threadId: queued!.messageId,
      sentAt: T0.toISOString(),
      provider: 'smtp',
      tenantId: desk.kit.tenantId,
    }).times(1);
    const [mail] = desk.smtp.received;
    expect(mail.recipients).to.deep.equal(['alice@client.example']);
    expect(mail.envelopeFrom).to.equal(`bounces+b-${queued!.envelopeToken}@msp.example`);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.messageId).to.equal(`<${queued!.messageId}>`);
    expect(parsed.subject).to.equal('Your invoice is ready');
    expect(parsed.replyTo!.value[0].address).to.equal(`support+r-${queued!.replyToken}@msp.example`);
    expect(parsed.headers.get('auto-submitted')).to.equal('auto-generated');
    expect((await desk.run(() => desk.outbound.send(queued!.messageId)))).to.equal(undefined);
    expect(desk.kit.events.ofType('OUTBOUND_EMAIL_SENT')).to.have.length(1);
  });

  it('a 4xx is retried with exponential back-off by the dispatcher; the retry then succeeds', async () => {
    await desk.run(() => desk.outbound.queue({ to: ['deferred@client.example'], subject: 'Heads-up', text: 'Maintenance tonight.' }));
    desk.kit.events.clear();
    const [first] = await desk.asSystem(() => desk.dispatcher.sweep());
    expect(first.outcome).to.equal('failed');
    expect(desk.kit.events).to.have.emitted('OUTBOUND_EMAIL_FAILED').withPayload({
      messageId: first.message.messageId,
      threadId: first.message.messageId,
      failedAt: T0.toISOString(),
      provider: 'smtp',
      errorCode: '451',
      errorMessage: first.errorMessage!,
      retryable: true,
      tenantId: desk.kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    expect(first.errorMessage).to.match(/451.*try again later/);
    expect(first.message.nextAttemptAt!.toISOString()).to.equal(new Date(T0.getTime() + 60_000).toISOString());
    expect(await desk.asSystem(() => desk.dispatcher.sweep())).to.deep.equal([]);
    clock!.tick(60_000);
    const [second] = await desk.asSystem(() => desk.dispatcher.sweep());
    expect(second.message.nextAttemptAt!.toISOString()).to.equal(new Date(T0.getTime() + 60_000 + 120_000).toISOString());
    expect(second.message.attempts).to.equal(2);
  });

  it('a 4xx on the last allowed attempt is final: retryable false, status failed', async () => {
    desk.settings.maxAttempts = 2;
    await desk.run(() => desk.outbound.queue({ to: ['deferred@client.example'], subject: 'Heads-up', text: 'x' }));
    await desk.asSystem(() => desk.dispatcher.sweep());
    clock!.tick(60_000);
    const [last] = await desk.asSystem(() => desk.dispatcher.sweep());
    expect(last).to.include({ outcome: 'failed', errorCode: '451', retryable: false });
    expect(last.message).to.include({ status: 'failed', attempts: 2 });
    expect(desk.kit.events.ofType('OUTBOUND_EMAIL_FAILED').map((e) => (e.payload as any).retryable)).to.deep.equal([true, false]);
  });

  it('a 5xx is final: OUTBOUND_EMAIL_FAILED with retryable false, never tried again', async () => {
    const { queued } = await notify('rejected@client.example');
    desk.kit.events.clear();
    await desk.asSystem(() => desk.dispatcher.sweep());
    expect(desk.kit.events).to.have.emitted('OUTBOUND_EMAIL_FAILED').withPayload({ messageId: queued!.messageId, errorCode: '550', retryable: false }).times(1);
    clock!.tick(3_600_000);
    expect(await desk.asSystem(() => desk.dispatcher.sweep())).to.deep.equal([]);
    expect(await desk.kit.db('email_outbound_messages').first()).to.include({ status: 'failed', attempts: 1, last_error_code: '550' });
  });

  it('a server that cannot be reached is a retryable failure with the network error code', async () => {
    await desk.smtp.stop();
    const { queued } = await notify();
    desk.kit.events.clear();
    const attempt = await desk.run(() => desk.outbound.send(queued!.messageId));
    expect(attempt).to.include({ outcome: 'failed', errorCode: 'ECONNREFUSED', retryable: true });
  });

  it('the dispatcher sends each due message once, swept twice and concurrently', async () => {
    for (const n of [1, 2, 3]) await notify(`user${n}@client.example`);
    desk.kit.events.clear();
    const [a, b] = await Promise.all([desk.asSystem(() => desk.dispatcher.sweep()), desk.asSystem(() => desk.dispatcher.sweep())]);
    expect(a.length + b.length).to.equal(3);
    expect(await desk.asSystem(() => desk.dispatcher.sweep())).to.deep.equal([]);
    expect(desk.smtp.received).to.have.length(3);
    expect(desk.kit.events.ofType('OUTBOUND_EMAIL_SENT')).to.have.length(3);
  });

  it('through bus and worker: OUTBOUND_EMAIL_QUEUED arrives', async () => {
    await desk.kit.scenario(() => notify()).expect('OUTBOUND_EMAIL_QUEUED').toArrive();
  });
});
