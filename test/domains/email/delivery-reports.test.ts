import { expect } from 'chai';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import { forEachDatabase } from '../../support/databases';
import { fixture } from './fixtures';
import { freshMailDeskPerTest } from './mail-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');

forEachDatabase('email: delivery reports in the mailbox (RFC 3464 DSN, RFC 5965 ARF)', (target) => {
  const desk = freshMailDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  /** A notification to `to`, sent over SMTP; resolves with the queued message as sent. */
  async function sentTo(to: string) {
    const { queued } = await desk.run(() => desk.outbound.queue({ to: [to], subject: 'Your invoice is ready', text: 'Invoice 42 is ready.' }));
    const attempt = await desk.run(() => desk.outbound.send(queued!.messageId));
    return attempt!.message;
  }
  const fill = (m: { messageId: string; envelopeToken: string }) => ({ MESSAGE_ID: m.messageId, ENVELOPE_TOKEN: m.envelopeToken });

  it('a DSN with Action failed and 5.1.1: EMAIL_BOUNCED hard with the status and diagnostic; no ticket, no answer', async () => {
    const provider = await desk.connected();
    const sent = await sentTo('gone@client.example');
    desk.kit.events.clear();
    clock!.tick(20 * 60_000);
    const result = await desk.ingest(provider.id, fixture('dsn-bounce.eml', fill(sent)));
    expect(result.outcome).to.equal('report');
    expect(desk.kit.events).to.have.emitted('EMAIL_BOUNCED').withPayload({
      messageId: sent.messageId,
      providerMessageId: 'Q1',
      to: 'gone@client.example',
      bouncedAt: new Date(T0.getTime() + 20 * 60_000).toISOString(),
      bounceType: 'hard',
      smtpCode: '5.1.1',
      smtpMessage: '550 5.1.1 <gone@client.example>: Recipient address rejected: User unknown in local recipient table',
      tenantId: desk.kit.tenantId,
    }).times(1);
    expect(desk.kit.events.ofType('TICKET_CREATED')).to.be.empty;
    expect(await desk.kit.db('email_outbound_messages')).to.have.length(1);
    // 5.1.1 is not a policy rejection: notification mail still goes to the address.
    expect((await desk.run(() => desk.outbound.queue({ to: ['gone@client.example'], subject: 'Again', text: 'x' }))).queued).to.exist;
  });

  it('the same DSN twice (another copy, another Message-ID) emits one bounce', async () => {
    const provider = await desk.connected();
    const sent = await sentTo('gone@client.example');
    const raw = fixture('dsn-bounce.eml', fill(sent));
    await desk.ingest(provider.id, raw);
    await desk.ingest(provider.id, Buffer.from(raw.toString('latin1').replace('<dsn-1@mx.client.example>', '<dsn-1b@mx.client.example>'), 'latin1'));
    expect(desk.kit.events.ofType('EMAIL_BOUNCED')).to.have.length(1);
  });

  it('a policy rejection (5.7.1) without the original headers is matched by the envelope sender, and suppresses later notification mail', async () => {
    const provider = await desk.connected();
    const sent = await sentTo('strict@client.example');
    await desk.ingest(provider.id, fixture('dsn-policy-no-headers.eml', fill(sent)));
    expect(desk.kit.events).to.have.emitted('EMAIL_BOUNCED').withPayload({ messageId: sent.messageId, to: 'strict@client.example', bounceType: 'hard', smtpCode: '5.7.1' }).times(1);
    desk.kit.events.clear();
    const later = await desk.run(() => desk.outbound.queue({ to: ['strict@client.example'], subject: 'Reminder', text: 'x' }));
    expect(later).to.deep.equal({ suppressed: [{ email: 'strict@client.example', reason: 'policy_bounce' }] });
    expect(desk.kit.events.all).to.be.empty;
    const reply = await desk.run(() => desk.outbound.queue({ ticketId: uuidv4(), to: ['strict@client.example'], subject: 'Re: your ticket', text: 'Done.' }));
    expect(reply.queued).to.exist;
  });

  it('a delayed DSN is not a bounce', async () => {
    const provider = await desk.connected();
    const sent = await sentTo('slow@client.example');
    desk.kit.events.clear();
    const result = await desk.ingest(provider.id, fixture('dsn-delayed.eml', fill(sent)));
    expect(result.outcome).to.equal('report');
    expect(desk.kit.events.ofType('EMAIL_BOUNCED')).to.be.empty;
    expect(desk.kit.events.ofType('EMAIL_DELIVERED')).to.be.empty;
    expect(await desk.kit.db('email_delivery_reports')).to.be.empty;
  });

  it('a DSN with Action delivered: EMAIL_DELIVERED', async () => {
    const provider = await desk.connected();
    const sent = await sentTo('alice@client.example');
    await desk.ingest(provider.id, fixture('dsn-delivered.eml', fill(sent)));
    expect(desk.kit.events).to.have.emitted('EMAIL_DELIVERED').withPayload({
      messageId: sent.messageId,
      providerMessageId: 'Q1',
      to: 'alice@client.example',
      deliveredAt: T0.toISOString(),
      provider: 'dsn',
      tenantId: desk.kit.tenantId,
    }).times(1);
  });

  it('an ARF abuse report: EMAIL_COMPLAINT_RECEIVED, and notification mail to the address is suppressed', async () => {
    const provider = await desk.connected();
    const sent = await sentTo('annoyed@client.example');
    await desk.ingest(provider.id, fixture('arf-complaint.eml', fill(sent)));
    expect(desk.kit.events).to.have.emitted('EMAIL_COMPLAINT_RECEIVED').withPayload({
      messageId: sent.messageId,
      providerMessageId: 'Q1',
      to: 'annoyed@client.example',
      complainedAt: T0.toISOString(),
      provider: 'arf',
      complaintType: 'abuse',
      tenantId: desk.kit.tenantId,
    }).times(1);
    const later = await desk.run(() => desk.outbound.queue({ to: ['Annoyed@client.example'], subject: 'Newsletter', text: 'x' }));
    expect(later.suppressed).to.deep.equal([{ email: 'annoyed@client.example', reason: 'complaint' }]);
  });

  it('an ARF report without the original message is matched by its Original-Mail-From (our per-message envelope sender)', async () => {
    const provider = await desk.connected();
    const sent = await sentTo('annoyed@client.example');
    const raw = fixture('arf-complaint.eml', fill(sent)).toString('latin1');
    const stripped = raw.replace(`To: bounces+b-${sent.envelopeToken}@msp.example`, 'To: fbl@msp.example').replace(`Message-ID: <${sent.messageId}>\r\n`, '');
    expect(stripped).not.to.contain(sent.messageId);
    await desk.ingest(provider.id, Buffer.from(stripped, 'latin1'));
    expect(desk.kit.events).to.have.emitted('EMAIL_COMPLAINT_RECEIVED').withPayload({ messageId: sent.messageId, to: 'annoyed@client.example' }).times(1);
  });

  it('a report about a message we never sent records nothing', async () => {
    const provider = await desk.connected();
    await desk.ingest(provider.id, fixture('dsn-bounce.eml', { MESSAGE_ID: 'not-ours@else.example', ENVELOPE_TOKEN: 'nothing' }));
    expect(desk.kit.events.ofType('EMAIL_BOUNCED')).to.be.empty;
    expect(await desk.kit.db('email_delivery_reports')).to.be.empty;
  });
});
