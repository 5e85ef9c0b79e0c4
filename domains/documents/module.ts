import { declareDomainModule } from '../../lib/kit';

/**
 * Documents: files kept for the business (contracts, scans, generated invoice PDFs), linked to
 * tickets, clients, contacts, projects and assets. Signatures are catalogued only.
 */
export const documents = declareDomainModule({ name: 'documents', category: 'Documents' });
