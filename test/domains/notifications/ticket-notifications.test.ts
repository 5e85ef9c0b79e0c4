import { expect } from 'chai';
import sinon from 'sinon';
import { DeliveryService, NotificationService } from '../../../domains/notifications';
import { forEachDatabase } from '../../support/databases';
import { ISO_DATE_TIME } from '../tickets/help-desk';
import { freshNotificationDeskPerTest } from './notification-desk';

forEachDatabase('notifications: ticket activity tells the right people (bus and worker)', (target) => {
  const nd = freshNotificationDeskPerTest(target);
  afterEach(() => sinon.restore());

  it('an assignment reaches the technician in-app and by SMS: NOTIFICATION_SENT per channel, DELIVERED when the gateway confirms', async () => {
    const { kit } = nd;
    await nd.technicianWants(['in_app', 'sms']);
    const ticket = await nd.assignedTicket();
    const [assigned] = kit.events.ofType('TICKET_ASSIGNED');
    const rows = await nd.rows();
    expect(rows.map((r) => r.channel)).to.deep.equal(['in_app', 'sms']);
    const [inApp, sms] = rows;
    for (const row of rows) {
      expect(kit.events).to.have.emitted('NOTIFICATION_SENT').withPayload({
        notificationId: row.notification_id,
        channel: row.channel,
        recipientId: nd.technicianId,
        sentAt: ISO_DATE_TIME,
        templateId: 'ticket.assigned',
        contextType: 'ticket',
        contextId: ticket.id,
        tenantId: kit.tenantId,
        actorType: 'SYSTEM',
      }).times(1);
    }
    // The SMS went to the gateway once, keyed by the notification id, and the gateway confirmed it.
    expect(nd.sms.requests.map((r) => [r.idempotencyKey, r.body.to])).to.deep.equal([[sms.notification_id, '+15550100101']]);
    expect(nd.sms.requests[0].body.subject).to.equal(`Ticket ${ticket.ticketNumber} assigned to you`);
    expect(kit.events).to.have.emitted('NOTIFICATION_DELIVERED').withPayload({
      notificationId: sms.notification_id,
      channel: 'sms',
      recipientId: nd.technicianId,
      deliveredAt: ISO_DATE_TIME,
      providerMessageId: 'MSG-1',
    }).times(1);
    // In-app waits for the app to fetch it.
    expect(kit.events).not.to.have.emitted('NOTIFICATION_DELIVERED', { notificationId: inApp.notification_id });
    expect(sms).to.include({ status: 'delivered', provider_message_id: 'MSG-1', context_id: ticket.id, source_event_id: assigned.id });
    // Caused by the ticket event: same correlation, the ticket event as cause.
    const [sent] = kit.events.ofType('NOTIFICATION_SENT');
    expect(sent.causationId).to.equal(assigned.id);
  });

  it('scenario: assigning a ticket brings NOTIFICATION_SENT to the worker', async () => {
    const ticket = await nd.desk.opened();
    await nd.kit
      .scenario(() => nd.desk.tickets.update(ticket.id, { assignee: { id: nd.technicianId, type: 'user' } }))
      .expect('NOTIFICATION_SENT')
      .matching((p) => p.recipientId === nd.technicianId && p.channel === 'in_app' && p.contextId === ticket.id)
      .toArrive({ within: 5000 });
  });

  it('a redelivered TICKET_ASSIGNED notifies nobody twice', async () => {
    const { kit } = nd;
    await nd.technicianWants(['in_app', 'sms']);
    await nd.assignedTicket();
    const [assigned] = kit.events.ofType('TICKET_ASSIGNED');
    const before = kit.events.all.length;
    await kit.bus.publish([assigned]);
    await nd.settle();
    expect(kit.events.all.slice(before).map((e) => e.eventType)).to.deep.equal([]);
    expect(await nd.rows()).to.have.length(2);
    expect(nd.sms.requests).to.have.length(1);
  });

  it('a handler attempt that fails after recording is retried by the worker without a second notification', async () => {
    const { kit } = nd;
    await nd.technicianWants(['in_app', 'sms']);
    // The first attempt records the in-app notification, then fails on the SMS: all of it rolls back.
    const queue = sinon.stub(NotificationService.prototype, 'queue');
    queue.onCall(1).rejects(new Error('database hiccup'));
    queue.callThrough();
    await nd.assignedTicket();
    expect(queue.callCount).to.be.greaterThan(2);
    expect(await nd.rows()).to.have.length(2);
    expect(kit.events.ofType('NOTIFICATION_SENT')).to.have.length(2);
    expect(nd.sms.requests).to.have.length(1);
  });

  it('a delivery attempt that fails after the gateway sent is retried with the same idempotency key: one SMS, one DELIVERED', async () => {
    const { kit } = nd;
    await nd.technicianWants(['sms']);
    // The gateway sends; then the attempt's transaction fails before it commits, and the worker retries.
    const settle = sinon.stub(DeliveryService.prototype as any, 'settle');
    settle.onFirstCall().rejects(new Error('connection reset'));
    settle.callThrough();
    await nd.assignedTicket();
    expect(nd.sms.requests).to.have.length(2);
    expect(new Set(nd.sms.requests.map((r) => r.idempotencyKey)).size).to.equal(1);
    expect(nd.sms.sent).to.have.length(1);
    expect(kit.events.ofType('NOTIFICATION_DELIVERED')).to.have.length(1);
  });

  it('nobody is told of their own assignment; a team assignment tells the team watchers', async () => {
    const { kit } = nd;
    await nd.run(() => nd.preferences.watchTeam(nd.teamId, nd.watcherId));
    await nd.desk.open({ assignee: { id: kit.actorUserId, type: 'user' } });
    await nd.settle();
    expect(kit.events.ofType('NOTIFICATION_SENT')).to.be.empty;
    const ticket = await nd.desk.open({ assignee: { id: nd.teamId, type: 'team' } });
    await nd.settle();
    expect(kit.events).to.have.emitted('NOTIFICATION_SENT').withPayload({ recipientId: nd.watcherId, channel: 'in_app', contextId: ticket.id }).times(1);
  });

  it('a client reply tells the assignee; preferences choose the channels and an empty list mutes the topic', async () => {
    const { kit } = nd;
    await nd.technicianWants(['push'], 'ticket_customer_replied');
    await nd.run(() => nd.preferences.setChannels(nd.technicianId, 'ticket_assigned', []));
    const ticket = await nd.assignedTicket();
    expect(kit.events.ofType('NOTIFICATION_SENT')).to.be.empty;
    await nd.desk.asContact(() => nd.desk.messages.addMessage(ticket.id, { content: 'Still broken', channel: 'portal' }));
    await nd.settle();
    expect(kit.events).to.have.emitted('NOTIFICATION_SENT').withPayload({ recipientId: nd.technicianId, channel: 'push', templateId: 'ticket.customer_replied', contextId: ticket.id }).times(1);
    expect(nd.push.requests.map((r) => r.body.to)).to.deep.equal(['device-token-abc']);
    expect(kit.events).to.have.emitted('NOTIFICATION_DELIVERED').withPayload({ channel: 'push', recipientId: nd.technicianId }).times(1);
  });

  it('an SLA breach found by the sweeper tells the assignee', async () => {
    const { kit } = nd;
    const ticket = await nd.desk.open({ priorityId: nd.desk.priorities.high.id, assignee: { id: nd.technicianId, type: 'user' } });
    await nd.settle();
    kit.events.clear();
    await nd.desk.run(() => nd.desk.sweeper.sweep(new Date(Date.now() + 2 * 3_600_000)), { actorUserId: undefined, actorType: 'SYSTEM' });
    await nd.settle();
    expect(kit.events).to.have.emitted('NOTIFICATION_SENT').withPayload({ recipientId: nd.technicianId, templateId: 'ticket.sla_breached', contextId: ticket.id }).times(1);
    const row = (await nd.rows()).find((r) => r.template_id === 'ticket.sla_breached');
    expect(row.body).to.match(/response target .* was missed by \d+ min/);
  });
});
