import { Knex } from '../../lib/kit';

/** Column helpers shared by the scheduling migrations. */
export const tenantColumn = (t: Knex.CreateTableBuilder) => t.uuid('tenant').notNullable();
export const timestamp = (t: Knex.CreateTableBuilder, name: string) => t.timestamp(name, { useTz: true });
/** A UTC window and the IANA zone it was entered in. */
export function windowColumns(t: Knex.CreateTableBuilder): void {
  timestamp(t, 'start_at').notNullable();
  timestamp(t, 'end_at').notNullable();
  t.string('timezone', 64).notNullable();
}
