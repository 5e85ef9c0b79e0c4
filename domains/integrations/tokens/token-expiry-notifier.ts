import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, readDate, UnitOfWork } from '../../../lib/kit';
import { IntegrationSettings } from '../settings';
import { ExpiringCredentials } from './token';
import { tokensExpiring } from './token-mappers';

const DAY_MS = 86_400_000;
const notNotifiedForThisExpiry = 'expiry_notified_for IS NULL OR expiry_notified_for <> credentials_expire_at';

/**
 * INTEGRATION_TOKEN_EXPIRING for connected connections whose credentials (see credentials_expire_at)
 * end within the warning window. Once per token and expiry: each row is claimed by a conditional
 * UPDATE that records the expiry it was warned for, so concurrent or repeated sweeps emit once,
 * and a new token with a new expiry is warned about again when its time comes.
 */
@injectable()
export class TokenExpiryNotifier {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: IntegrationSettings,
  ) {}

  @EmitsEvent('INTEGRATION_TOKEN_EXPIRING', tokensExpiring)
  async notifyExpiring(now: Date = actionTime()): Promise<ExpiringCredentials[]> {
    const db = this.uow.db;
    const horizon = new Date(now.getTime() + this.settings.tokenWarningDays * DAY_MS);
    // Across tenants on purpose: sweeps run for no one, and each event takes its row's tenant.
    const due = await db('integration_connections as c')
      .join('integrations as i', function () {
        this.on('i.integration_id', '=', 'c.integration_id').andOn('i.tenant', '=', 'c.tenant');
      })
      .where('c.status', 'connected')
      .where('c.credentials_expire_at', '>', now)
      .where('c.credentials_expire_at', '<=', horizon)
      .where((q) => q.whereNull('c.expiry_notified_for').orWhereRaw('c.expiry_notified_for <> c.credentials_expire_at'))
      .select('c.connection_id', 'c.tenant', 'c.integration_id', 'c.credentials_expire_at', 'i.provider');
    const claimed: ExpiringCredentials[] = [];
    for (const row of due) {
      const won = await db('integration_connections')
        .where({ connection_id: row.connection_id, tenant: row.tenant, status: 'connected', credentials_expire_at: row.credentials_expire_at })
        .whereRaw(`(${notNotifiedForThisExpiry})`)
        .update({ expiry_notified_for: row.credentials_expire_at });
      if (!won) continue;
      const expiresAt = readDate(row.credentials_expire_at)!;
      claimed.push({
        tenantId: row.tenant,
        integrationId: row.integration_id,
        provider: row.provider,
        connectionId: row.connection_id,
        expiresAt,
        daysUntilExpiry: Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS),
        notifiedAt: now,
      });
    }
    return claimed;
  }
}
