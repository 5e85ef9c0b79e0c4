import { readFile } from 'node:fs/promises';
import { injectable } from 'tsyringe';
import { UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { EmailNotFoundError } from '../shared/email-errors';
import { InboundResult } from './inbound';
import { InboundEmailService } from './inbound-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `wfe email ingest <file.eml> --provider <id>`: a message from disk taken in exactly as a provider
 * notification would be (same parsing, de-duplication, threading, tickets), as the mailbox's
 * tenant with actor SYSTEM; `provider` in the reply event is `file`.
 */
@injectable()
export class FileIngest {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbound: InboundEmailService,
  ) {}

  async ingestFile(providerId: string, path: string): Promise<InboundResult> {
    const row = UUID.test(providerId) ? await this.uow.db('email_providers').where({ provider_id: providerId.toLowerCase() }).first('tenant', 'provider_id') : undefined;
    if (!row) throw new EmailNotFoundError('email provider', providerId);
    const raw = await readFile(path);
    return withEmissionContext({ tenantId: row.tenant, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, () => this.inbound.ingest(row.provider_id, raw, { provider: 'file' }));
  }
}
