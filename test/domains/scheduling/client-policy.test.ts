import { expect } from 'chai';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { AppointmentClientPolicy, AppointmentService, schedulingModule } from '../../../domains/scheduling';
import { defineDomainModule, DomainError } from '../../../lib/kit';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

const ARCHIVED = uuidv4();

/** What a client directory (CRM) would provide: archived clients get no new appointments. */
@injectable()
class ArchivedClientsRefused extends AppointmentClientPolicy {
  async assertCanBook(clientId: string): Promise<void> {
    if (clientId === ARCHIVED) throw new DomainError('CLIENT_ARCHIVED', `Client ${clientId} is archived`, 'clientId');
  }
}

const clientDirectory = defineDomainModule({
  name: 'test-client-directory',
  category: 'Test',
  dependsOn: [schedulingModule],
  provides: [{ token: AppointmentClientPolicy, useClass: ArchivedClientsRefused }],
});

forEachDatabase('scheduling: the client policy port', (target) => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [clientDirectory], databaseUrl: target.url });
  });
  afterEach(() => kit.close());

  const book = (clientId: string) =>
    kit.run(() => kit.resolve(AppointmentService).book({ title: 'Onboarding visit', clientId, start: '2026-03-09T09:00', end: '2026-03-09T10:00', timezone: 'Europe/Berlin' }));

  it('a module that knows clients refuses an archived client: nothing written, nothing emitted', async () => {
    const err = await book(ARCHIVED).catch((e) => e);
    expect(err).to.be.instanceOf(DomainError).and.include({ code: 'CLIENT_ARCHIVED', field: 'clientId' });
    expect(await kit.db('appointments')).to.be.empty;
    expect(kit.events.all).to.be.empty;
    await book(uuidv4());
    expect(kit.events.types()).to.include('APPOINTMENT_CREATED');
  });
});
