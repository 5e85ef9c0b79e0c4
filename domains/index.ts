import { DomainModule } from '../lib/runtime/domain-module';
import { billingModule } from './billing';
import { ticketsModule } from './tickets';

/** Every business module, in dependency order. Importing this registers all event DTOs. */
export const allModules: DomainModule[] = [ticketsModule, billingModule];
