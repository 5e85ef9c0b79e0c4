import 'reflect-metadata';
import { assetsModule } from '../assets';
import { billingModule } from '../billing';
import { crmModule } from '../crm';
import { projectsModule } from '../projects';
import { ticketsModule } from '../tickets';
import { AssociationService } from './associations/association-service';
import { AssociationTargets } from './associations/association-targets';
import { DocumentRepository } from './documents/document-repository';
import { DocumentService } from './documents/document-service';
import { DocumentWriter } from './documents/document-writer';
import { documentsMigration } from './documents/document.migration';
import { StoredContentRelease } from './documents/stored-content-release';
import { DocumentGenerator } from './generation/document-generator';
import { documents } from './module';
import { documentsRoutes } from './routes';
import { documentsDemo } from './demo';
import './signatures/signature.events';

/** The documents module's public surface: other modules and applications import only this file. */
export * from './documents/document.events';
export * from './associations/association.events';
export * from './generation/generation.events';
export * from './signatures/signature.events';
export * from './documents/document';
export * from './documents/document-errors';
export * from './associations/association';
export * from './associations/association-errors';
export * from './generation/generation';
export { DocumentService } from './documents/document-service';
export { AssociationService } from './associations/association-service';
export { DocumentGenerator } from './generation/document-generator';
export { formatMoney } from './generation/invoice-pdf';

export const documentsModule = documents.define({
  // Uploads go through the assets module's file intake; link targets and invoices are checked and
  // read through their modules' public services.
  dependsOn: [assetsModule, billingModule, crmModule, ticketsModule, projectsModule],
  services: [DocumentRepository, DocumentWriter, StoredContentRelease, DocumentService, AssociationTargets, AssociationService, DocumentGenerator],
  migrations: [documentsMigration],
  tables: ['documents', 'document_associations'],
  routes: documentsRoutes,
  demo: documentsDemo,
});
