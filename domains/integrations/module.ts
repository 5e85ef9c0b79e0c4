import { declareDomainModule } from '../../lib/kit';

/**
 * Integrations: OAuth connections to accounting, RMM and calendar providers, their token health,
 * sync runs through provider adapters, signed inbound webhooks and local ↔ external id mappings.
 */
export const integrations = declareDomainModule({ name: 'integrations', category: 'Integrations' });
