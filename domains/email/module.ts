import { declareDomainModule } from '../../lib/kit';

/**
 * Email: connected provider mailboxes (Microsoft Graph, Gmail), inbound messages parsed from raw
 * RFC 5322 and threaded to tickets, outbound mail over SMTP with retries, delivery reports
 * (RFC 3464 DSN, RFC 5965 ARF, sending-service webhooks) and one-click unsubscribe (RFC 8058).
 */
export const email = declareDomainModule({ name: 'email', category: 'Email Processing' });
