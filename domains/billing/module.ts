import { declareDomainModule } from '../../lib/kit';

/** Billing: invoices (and, as the module grows, payments, credit notes, contracts, recurring runs). */
export const billing = declareDomainModule({ name: 'billing', category: 'Billing' });
