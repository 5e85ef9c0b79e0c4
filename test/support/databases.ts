import { postgresReachable, testPostgresUrl, unreachable } from '../../lib/testing/environment';

export interface DatabaseTarget {
  name: 'sqlite' | 'postgres';
  /** Undefined for the embedded SQLite (`:memory:`). */
  url?: string;
}

let pgReachable: Promise<boolean> | undefined;

/** Declares the suite once per database: embedded SQLite and PostgreSQL (TEST_DATABASE_URL). */
export function forEachDatabase(title: string, body: (target: DatabaseTarget) => void): void {
  const targets: DatabaseTarget[] = [{ name: 'sqlite' }, { name: 'postgres', url: testPostgresUrl() }];
  for (const target of targets) {
    describe(`${title} [${target.name}]`, function () {
      if (target.name === 'postgres') {
        before(async function () {
          pgReachable ??= postgresReachable(target.url);
          if (!(await pgReachable) && unreachable('PostgreSQL', target.url!) === 'skip') this.skip();
        });
      }
      body(target);
    });
  }
}
