import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { EmailNotFoundError } from '../../../domains/email';
import { forEachDatabase } from '../../support/databases';
import { fixture } from './fixtures';
import { freshMailDeskPerTest } from './mail-desk';

const otherTenant = () => ({ tenantId: uuidv4(), actorUserId: uuidv4() });

forEachDatabase('email: races and tenant boundaries', (target) => {
  const desk = freshMailDeskPerTest(target);

  it('the same bounce ingested through two mailbox copies at once is recorded once', async function () {
    if (target.name !== 'postgres') this.skip();
    const provider = await desk.connected();
    const { queued } = await desk.run(() => desk.outbound.queue({ to: ['gone@client.example'], subject: 'Notice', text: 'x' }));
    await desk.run(() => desk.outbound.send(queued!.messageId));
    const raw = fixture('dsn-bounce.eml', { MESSAGE_ID: queued!.messageId, ENVELOPE_TOKEN: queued!.envelopeToken });
    const copy = Buffer.from(raw.toString('latin1').replace('<dsn-1@mx.client.example>', '<dsn-copy@mx.client.example>'), 'latin1');
    await Promise.all([desk.ingest(provider.id, raw), desk.ingest(provider.id, copy)]);
    expect(desk.kit.events.ofType('EMAIL_BOUNCED')).to.have.length(1);
    expect(await desk.kit.db('email_delivery_reports')).to.have.length(1);
  });

  it('two unsubscribes of one address at once emit one EMAIL_UNSUBSCRIBED', async function () {
    if (target.name !== 'postgres') this.skip();
    await Promise.all([desk.run(() => desk.unsubscribe.unsubscribe('dup@client.example')), desk.run(() => desk.unsubscribe.unsubscribe('DUP@client.example'))]);
    expect(desk.kit.events.ofType('EMAIL_UNSUBSCRIBED')).to.have.length(1);
  });

  it("another tenant's messages and mailboxes are not found, and its suppressions do not apply", async () => {
    const provider = await desk.connected();
    const { queued } = await desk.run(() => desk.outbound.queue({ to: ['alice@client.example'], subject: 'Notice', text: 'x' }));
    await desk.run(() => desk.unsubscribe.unsubscribe('bob@client.example'));
    const send = await desk.run(() => desk.outbound.send(queued!.messageId), otherTenant()).catch((e) => e);
    expect(send).to.be.instanceOf(EmailNotFoundError);
    const ingest = await desk.run(() => desk.inbound.ingest(provider.id, fixture('new-request.eml')), otherTenant()).catch((e) => e);
    expect(ingest).to.be.instanceOf(EmailNotFoundError);
    const disconnect = await desk.run(() => desk.providers.disconnect(provider.id), otherTenant()).catch((e) => e);
    expect(disconnect).to.be.instanceOf(EmailNotFoundError);
    const elsewhere = await desk.run(() => desk.outbound.queue({ to: ['bob@client.example'], subject: 'Notice', text: 'x' }), otherTenant());
    expect(elsewhere.queued).to.exist;
  });
});
