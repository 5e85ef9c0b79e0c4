import { expect } from 'chai';
import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import sinon from 'sinon';
import { SendingServiceKeys } from '../../../domains/email';
import { forEachDatabase } from '../../support/databases';
import { freshMailDeskPerTest } from './mail-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** SendGrid's signed Event Webhook: ECDSA P-256 / SHA-256 over timestamp + body, DER signature in base64. */
function sendgridDelivery(privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'], events: unknown[], timestamp = nowSeconds()) {
  const body = JSON.stringify(events);
  const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');
  return { body, headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp } };
}

/** Resend's Svix signature: v1,base64(HMAC-SHA256(secret, id.timestamp.body)). */
function resendDelivery(secret: string, event: unknown, id = `msg_${randomBytes(6).toString('hex')}`, timestamp = nowSeconds()) {
  const body = JSON.stringify(event);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { body, headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` } };
}

forEachDatabase('email: sending-service delivery webhooks (SendGrid, Resend)', (target) => {
  const desk = freshMailDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const resendSecret = `whsec_${randomBytes(24).toString('base64')}`;
  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
    await desk.run(async () => {
      await desk.kit.resolve(SendingServiceKeys).configure('sendgrid', ec.publicKey.export({ type: 'spki', format: 'pem' }).toString());
      await desk.kit.resolve(SendingServiceKeys).configure('resend', resendSecret);
    });
  });
  afterEach(() => clock?.restore());

  const post = async (service: string, d: { body: string; headers: Record<string, string> }) =>
    (await desk.server()).inject({ method: 'POST', url: `/webhooks/email/${service}/${desk.kit.tenantId}`, headers: d.headers, payload: d.body });
  async function sent(to = 'alice@client.example') {
    const { queued } = await desk.run(() => desk.outbound.queue({ to: [to], subject: 'Your invoice is ready', text: 'Invoice 42.' }));
    return (await desk.run(() => desk.outbound.send(queued!.messageId)))!.message;
  }

  it('SendGrid: a signed batch becomes EMAIL_DELIVERED, EMAIL_BOUNCED and EMAIL_COMPLAINT_RECEIVED, matched by smtp-id; deferred is ignored', async () => {
    const m = await sent();
    const events = [
      { email: 'alice@client.example', timestamp: 1772442000, event: 'delivered', sg_event_id: 'ev-1', sg_message_id: 'sg1.filter', 'smtp-id': `<${m.messageId}>` },
      { email: 'alice@client.example', timestamp: 1772442000, event: 'deferred', sg_event_id: 'ev-2', 'smtp-id': `<${m.messageId}>` },
      { email: 'bob@client.example', timestamp: 1772442000, event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 user unknown', sg_event_id: 'ev-3', 'smtp-id': `<${m.messageId}>` },
      { email: 'carol@client.example', timestamp: 1772442000, event: 'spamreport', sg_event_id: 'ev-4', 'smtp-id': `<${m.messageId}>` },
    ];
    const res = await post('sendgrid', sendgridDelivery(ec.privateKey, events));
    expect(res.statusCode, res.body).to.equal(200);
    expect(res.json()).to.deep.equal({ events: 4, duplicates: 0, signals: 3 });
    expect(desk.kit.events).to.have.emitted('EMAIL_DELIVERED').withPayload({ messageId: m.messageId, providerMessageId: 'Q1', to: 'alice@client.example', deliveredAt: T0.toISOString(), provider: 'sendgrid' }).times(1);
    expect(desk.kit.events).to.have.emitted('EMAIL_BOUNCED').withPayload({ messageId: m.messageId, to: 'bob@client.example', bounceType: 'hard', smtpCode: '5.1.1', smtpMessage: '550 5.1.1 user unknown' }).times(1);
    expect(desk.kit.events).to.have.emitted('EMAIL_COMPLAINT_RECEIVED').withPayload({ messageId: m.messageId, to: 'carol@client.example', provider: 'sendgrid', complaintType: 'abuse' }).times(1);
  });

  it('Resend: a Svix-signed bounce matched by the id its relay gave the message; a replay emits nothing twice', async () => {
    const m = await sent();
    const event = { type: 'email.bounced', created_at: T0.toISOString(), data: { email_id: 'Q1', to: ['alice@client.example'], bounce: { type: 'Transient', subType: 'MailboxFull', message: 'Mailbox full' } } };
    const delivery = resendDelivery(resendSecret, event, 'msg_2bT7');
    expect((await post('resend', delivery)).json()).to.deep.equal({ events: 1, duplicates: 0, signals: 1 });
    clock!.tick(30_000);
    expect((await post('resend', { ...delivery, headers: { ...delivery.headers, 'svix-timestamp': nowSeconds(), 'svix-signature': resendDelivery(resendSecret, event, 'msg_2bT7').headers['svix-signature'] } })).json()).to.deep.equal({ events: 1, duplicates: 1, signals: 0 });
    expect(desk.kit.events).to.have.emitted('EMAIL_BOUNCED').withPayload({ messageId: m.messageId, providerMessageId: 'Q1', to: 'alice@client.example', bounceType: 'soft', smtpMessage: 'Mailbox full' }).times(1);
  });

  it('bad signatures, other keys, missing headers and stale or future timestamps get 401 and store nothing', async () => {
    const m = await sent();
    const events = [{ email: 'alice@client.example', event: 'delivered', sg_event_id: 'ev-9', 'smtp-id': `<${m.messageId}>` }];
    const good = sendgridDelivery(ec.privateKey, events);
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const stale = String(Math.floor(T0.getTime() / 1000) - 600);
    const future = String(Math.floor(T0.getTime() / 1000) + 600);
    const resendEvent = { type: 'email.delivered', data: { email_id: 'Q1', to: ['alice@client.example'] } };
    const answers = [
      await post('sendgrid', { ...good, body: good.body.replace('delivered', 'bounce') }),
      await post('sendgrid', sendgridDelivery(other, events)),
      await post('sendgrid', { body: good.body, headers: { 'content-type': 'application/json' } }),
      await post('sendgrid', sendgridDelivery(ec.privateKey, events, stale)),
      await post('sendgrid', sendgridDelivery(ec.privateKey, events, future)),
      await post('resend', resendDelivery(`whsec_${randomBytes(24).toString('base64')}`, resendEvent)),
      await post('resend', resendDelivery(resendSecret, resendEvent, 'msg_x', future)),
    ];
    expect(answers.map((a) => a.statusCode)).to.deep.equal([401, 401, 401, 401, 401, 401, 401]);
    expect(answers.every((a) => a.json().error === 'WEBHOOK_SIGNATURE_INVALID')).to.equal(true);
    expect(await desk.kit.db('email_webhook_deliveries')).to.be.empty;
    expect(await desk.kit.db('email_delivery_reports')).to.be.empty;
  });

  it('a correctly signed body that is not JSON is 400, not a crash; an unknown tenant or service is 404', async () => {
    const key = Buffer.from(resendSecret.replace(/^whsec_/, ''), 'base64');
    const ts = nowSeconds();
    const sig = createHmac('sha256', key).update(`msg_nj.${ts}.not json`).digest('base64');
    const notJson = await post('resend', { body: 'not json', headers: { 'content-type': 'text/plain', 'svix-id': 'msg_nj', 'svix-timestamp': ts, 'svix-signature': `v1,${sig}` } });
    expect(notJson.statusCode).to.equal(400);
    const s = await desk.server();
    expect((await s.inject({ method: 'POST', url: `/webhooks/email/mailgun/${desk.kit.tenantId}`, payload: '{}' })).statusCode).to.equal(404);
    expect((await s.inject({ method: 'POST', url: '/webhooks/email/sendgrid/00000000-0000-4000-8000-000000000000', payload: '[]' })).statusCode).to.equal(404);
  });
});
