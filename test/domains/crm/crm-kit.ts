import { ClientLifecycleService, ClientService, ContactLifecycleService, ContactService, crmModule, InteractionService, NoteService, TagDefinitionService, TagService, ClientMergeService, ContactMergeService } from '../../../domains/crm';
import { DomainModule } from '../../../lib/kit';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';

/** A test kit with the CRM module (and tickets, which it depends on) and its services. */
export async function crmKit(target: DatabaseTarget, modules: DomainModule[] = []) {
  const kit: TestKit = await createTestKit({ modules: [crmModule, ...modules], databaseUrl: target.url });
  return {
    kit,
    clients: kit.resolve(ClientService),
    contacts: kit.resolve(ContactService),
    lifecycle: kit.resolve(ClientLifecycleService),
    contactLifecycle: kit.resolve(ContactLifecycleService),
    interactions: kit.resolve(InteractionService),
    notes: kit.resolve(NoteService),
    tagDefinitions: kit.resolve(TagDefinitionService),
    tags: kit.resolve(TagService),
    clientMerges: kit.resolve(ClientMergeService),
    contactMerges: kit.resolve(ContactMergeService),
  };
}

export type CrmKit = Awaited<ReturnType<typeof crmKit>>;
