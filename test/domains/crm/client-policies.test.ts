import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ClientArchivedError } from '../../../domains/crm';
import { ProjectService, projectsModule } from '../../../domains/projects';
import { AppointmentService } from '../../../domains/scheduling';
import { TicketService, TicketSetupService } from '../../../domains/tickets';
import { forEachDatabase } from '../../support/databases';
import { CrmKit, crmKit } from './crm-kit';

forEachDatabase('crm: an archived client gets no new tickets or appointments', (target) => {
  let t: CrmKit;
  let desk: { boardId: string; priorityId: string };
  beforeEach(async () => {
    t = await crmKit(target, [projectsModule]);
    const setup = t.kit.resolve(TicketSetupService);
    desk = await t.kit.run(async () => {
      await setup.createStatus({ name: 'New', isDefault: true });
      return { boardId: (await setup.createBoard({ name: 'Service Desk' })).id, priorityId: (await setup.createPriority({ name: 'High' })).id };
    });
  });
  afterEach(() => t.kit.close());

  const openTicket = (clientId: string) => t.kit.run(() => t.kit.resolve(TicketService).create({ title: 'Printer offline', clientId, ...desk }));
  const book = (clientId: string) =>
    t.kit.run(() => t.kit.resolve(AppointmentService).book({ title: 'On-site visit', clientId, start: '2026-03-09T09:00', end: '2026-03-09T10:00', timezone: 'Europe/Berlin' }));

  it('a live client gets both; once archived, both are refused with CLIENT_ARCHIVED naming clientId, nothing written or emitted', async () => {
    const client = await t.kit.run(() => t.clients.create({ name: 'Acme Dental', status: 'active' }));
    await openTicket(client.id);
    await book(client.id);
    await t.kit.run(() => t.lifecycle.archive(client.id));
    t.kit.events.clear();
    const tickets = await t.kit.db('tickets').count({ n: '*' });
    for (const attempt of [openTicket, book]) {
      const err = await attempt(client.id).catch((e) => e);
      expect(err).to.be.instanceOf(ClientArchivedError).and.include({ code: 'CLIENT_ARCHIVED', field: 'clientId' });
    }
    expect(await t.kit.db('tickets').count({ n: '*' })).to.deep.equal(tickets);
    expect(await t.kit.db('appointments')).to.have.length(1);
    expect(t.kit.events.all).to.be.empty;
  });

  it('a client id the CRM does not know passes (opaque ids from elsewhere); upper case finds the archived client too', async () => {
    await openTicket(uuidv4());
    await book(uuidv4());
    const client = await t.kit.run(() => t.clients.create({ name: 'Acme' }));
    await t.kit.run(() => t.lifecycle.archive(client.id));
    expect(await openTicket(client.id.toUpperCase()).catch((e) => e)).to.be.instanceOf(ClientArchivedError);
  });

  it('an archived client gets no new projects either (ProjectService asks ClientService)', async () => {
    const client = await t.kit.run(() => t.clients.create({ name: 'Acme Dental' }));
    const projects = t.kit.resolve(ProjectService);
    await t.kit.run(() => projects.create({ clientId: client.id, name: 'Office move' }));
    await t.kit.run(() => t.lifecycle.archive(client.id));
    t.kit.events.clear();
    const err = await t.kit.run(() => projects.create({ clientId: client.id, name: 'Second office' })).catch((e) => e);
    expect(err).to.be.instanceOf(ClientArchivedError).and.include({ code: 'CLIENT_ARCHIVED', field: 'clientId' });
    expect(await t.kit.db('projects')).to.have.length(1);
    expect(t.kit.events.all).to.be.empty;
    await t.kit.run(() => projects.create({ clientId: uuidv4(), name: 'Opaque client' }));
  });

  it('a ticket cannot be moved to an archived client (TicketPatch.clientId goes through the same policy)', async () => {
    const [live, gone] = await t.kit.run(async () => [await t.clients.create({ name: 'Live' }), await t.clients.create({ name: 'Gone' })]);
    const ticket = await openTicket(live.id);
    await t.kit.run(() => t.lifecycle.archive(gone.id));
    t.kit.events.clear();
    const err = await t.kit.run(() => t.kit.resolve(TicketService).update(ticket.id, { clientId: gone.id })).catch((e) => e);
    expect(err).to.be.instanceOf(ClientArchivedError);
    const malformed = await t.kit.run(() => t.kit.resolve(TicketService).update(ticket.id, { clientId: 'gone' })).catch((e) => e);
    expect(malformed).to.include({ field: 'clientId', code: 'TICKET_INVALID' });
    expect((await t.kit.run(() => t.kit.resolve(TicketService).get(ticket.id))).clientId).to.equal(live.id);
    expect(t.kit.events.all).to.be.empty;
  });
});
