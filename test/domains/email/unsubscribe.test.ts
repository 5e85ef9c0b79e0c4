import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import { EmailInputError } from '../../../domains/email';
import { forEachDatabase } from '../../support/databases';
import { freshMailDeskPerTest } from './mail-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');

forEachDatabase('email: one-click unsubscribe (RFC 8058)', (target) => {
  const desk = freshMailDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  /** Sends a notification to Bob and returns the path of its List-Unsubscribe URL, read from the mail as received. */
  async function unsubscribePath(): Promise<{ path: string; messageId: string }> {
    const { queued } = await desk.run(() => desk.outbound.queue({ to: ['bob@client.example'], subject: 'Weekly report', text: 'All green.' }));
    await desk.run(() => desk.outbound.send(queued!.messageId));
    const mail = await simpleParser(desk.smtp.received.at(-1)!.raw);
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
    expect(header('list-unsubscribe-post')).to.equal('List-Unsubscribe=One-Click');
    const url = /^<(.+)>$/.exec(header('list-unsubscribe') ?? '')![1];
    expect(url).to.match(/^https:\/\/desk\.msp\.example\/email\/unsubscribe\?token=[\w-]+\.[\w-]+\.[\w-]+$/);
    const u = new URL(url);
    return { path: u.pathname + u.search, messageId: queued!.messageId };
  }
  const post = async (path: string) => (await desk.server()).inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });

  it('the one-click POST records EMAIL_UNSUBSCRIBED; later notification mail is suppressed (said in the result) while ticket replies still go out', async () => {
    const { path, messageId } = await unsubscribePath();
    desk.kit.events.clear();
    clock!.tick(3_600_000);
    const res = await post(path);
    expect(res.statusCode, res.body).to.equal(200);
    expect(res.json()).to.deep.equal({ unsubscribed: true, email: 'bob@client.example', alreadyUnsubscribed: false });
    expect(desk.kit.events).to.have.emitted('EMAIL_UNSUBSCRIBED').withPayload({
      recipientEmail: 'bob@client.example',
      unsubscribedAt: new Date(T0.getTime() + 3_600_000).toISOString(),
      source: 'one_click',
      messageId,
      tenantId: desk.kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    desk.kit.events.clear();
    const next = await desk.run(() => desk.outbound.queue({ to: ['bob@client.example'], subject: 'Weekly report', text: 'All green.' }));
    expect(next).to.deep.equal({ suppressed: [{ email: 'bob@client.example', reason: 'unsubscribed' }] });
    expect(desk.kit.events.all).to.be.empty;
    const reply = await desk.run(() => desk.outbound.queue({ ticketId: uuidv4(), to: ['bob@client.example'], subject: 'Re: VPN', text: 'Fixed.' }));
    expect(reply.queued).to.exist;
  });

  it('a second POST of the link emits nothing; GET only shows the confirmation form', async () => {
    const { path } = await unsubscribePath();
    const get = await (await desk.server()).inject({ method: 'GET', url: path });
    expect(get.statusCode).to.equal(200);
    expect(get.body).to.contain('<form method="post"');
    expect(await desk.kit.db('email_suppressions')).to.be.empty;
    await post(path);
    expect((await post(path)).json()).to.include({ alreadyUnsubscribed: true });
    expect(desk.kit.events.ofType('EMAIL_UNSUBSCRIBED')).to.have.length(1);
  });

  it('an altered or expired token gets 401 and changes nothing', async () => {
    const { path } = await unsubscribePath();
    const altered = await post(path.slice(0, -3) + (path.endsWith('AAA') ? 'BBB' : 'AAA'));
    clock!.tick(91 * 86_400_000);
    const expired = await post(path);
    for (const res of [altered, expired]) {
      expect(res.statusCode).to.equal(401);
      expect(res.json().error).to.equal('UNSUBSCRIBE_TOKEN_INVALID');
    }
    expect(expired.json().message).to.contain('expired');
    expect(await desk.kit.db('email_suppressions')).to.be.empty;
    expect(desk.kit.events.ofType('EMAIL_UNSUBSCRIBED')).to.be.empty;
  });

  it('staff unsubscribe an address by hand (source manual); a bad address names the field', async () => {
    await desk.run(() => desk.unsubscribe.unsubscribe('Carol@Client.example'));
    expect(desk.kit.events).to.have.emitted('EMAIL_UNSUBSCRIBED').withPayload({ recipientEmail: 'carol@client.example', source: 'manual', unsubscribedAt: T0.toISOString() }).times(1);
    const err = await desk.run(() => desk.unsubscribe.unsubscribe('carol')).catch((e) => e);
    expect(err).to.be.instanceOf(EmailInputError);
    expect(err.field).to.equal('email');
  });
});
