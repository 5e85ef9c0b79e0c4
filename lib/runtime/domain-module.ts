import { Migration } from '../uow/migrator';

/** What a business module contributes to an application. Its event DTOs register on import. */
export interface DomainModule {
  name: string;
  migrations: Migration[];
  /** Injectable services (decorated business actions) and `@OnEvent` handler classes. */
  services: Array<new (...args: any[]) => unknown>;
}
