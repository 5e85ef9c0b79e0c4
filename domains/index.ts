import 'reflect-metadata';
import { DomainModule } from '../lib/kit';
import { assetsModule } from './assets';
import { billingModule } from './billing';
import { crmModule } from './crm';
import { documentsModule } from './documents';
import { emailModule } from './email';
import { integrationsModule } from './integrations';
import { notificationsModule } from './notifications';
import { projectsModule } from './projects';
import { schedulingModule } from './scheduling';
import { surveysModule } from './surveys';
import { ticketsModule } from './tickets';

export { assetsModule } from './assets';
export { billingModule } from './billing';
export { crmModule } from './crm';
export { documentsModule } from './documents';
export { emailModule } from './email';
export { integrationsModule } from './integrations';
export { notificationsModule } from './notifications';
export { projectsModule } from './projects';
export { schedulingModule } from './scheduling';
export { surveysModule } from './surveys';
export { ticketsModule } from './tickets';

/** Every MSP module. A runtime orders them by `dependsOn`; this list's order does not matter. */
export const allModules: DomainModule[] = [ticketsModule, billingModule, integrationsModule, projectsModule, schedulingModule, crmModule, assetsModule, documentsModule, emailModule, notificationsModule, surveysModule];
