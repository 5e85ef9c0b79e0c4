import { declareDomainModule } from '../../lib/kit';

/** CRM: clients, contacts, interactions, notes and tags (the tag events override the category: Tags). */
export const crm = declareDomainModule({ name: 'crm', category: 'CRM' });
