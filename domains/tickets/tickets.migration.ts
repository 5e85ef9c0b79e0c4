import { Migration } from '../../lib/kit';
import { Knex } from 'knex';

const id = (t: Knex.CreateTableBuilder, name: string) => t.uuid(name).primary();
const tenant = (t: Knex.CreateTableBuilder) => t.uuid('tenant').notNullable();
const at = (t: Knex.CreateTableBuilder, name: string) => t.timestamp(name, { useTz: true });

/** A table of per-tenant records with an id and a name unique within the tenant. */
function namedPerTenant(db: Knex, table: string, idColumn: string, more: (t: Knex.CreateTableBuilder) => void = () => undefined) {
  return db.schema.createTable(table, (t) => {
    id(t, idColumn);
    tenant(t);
    t.string('name', 64).notNullable();
    more(t);
    t.unique(['tenant', 'name']);
  });
}

/** Per-tenant set-up an MSP configures once: statuses, priorities, boards, tags and SLA policies. */
export const ticketReferenceDataMigration: Migration = {
  name: '300_tickets_1_reference_data',
  async up(db) {
    await namedPerTenant(db, 'ticket_statuses', 'status_id', (t) => {
      t.boolean('is_closed').notNullable().defaultTo(false);
      // The status new tickets start in (and, for a closed one, the one merges close with).
      t.boolean('is_default').notNullable().defaultTo(false);
      t.integer('order_number').notNullable().defaultTo(0);
    });
    await namedPerTenant(db, 'priorities', 'priority_id', (t) => t.integer('order_number').notNullable().defaultTo(0));
    // Tier 1 is the service desk; moving a ticket to a higher tier escalates it.
    await namedPerTenant(db, 'boards', 'board_id', (t) => t.integer('tier').notNullable().defaultTo(1));
    await namedPerTenant(db, 'tags', 'tag_id');
    await namedPerTenant(db, 'sla_policies', 'sla_policy_id', (t) => {
      t.uuid('priority_id').notNullable().references('priority_id').inTable('priorities');
      t.integer('response_minutes').notNullable();
      t.integer('resolution_minutes').notNullable();
      // One policy per priority: the ticket's priority picks its SLA.
      t.unique(['tenant', 'priority_id']);
    });
  },
  async down(db) {
    for (const table of ['sla_policies', 'tags', 'boards', 'priorities', 'ticket_statuses']) await db.schema.dropTable(table);
  },
};

/** Tickets and what hangs off them: tags, messages, time entries and SLA stage clocks. */
export const ticketsMigration: Migration = {
  name: '300_tickets_2_tickets',
  async up(db) {
    await db.schema.createTable('tickets', (t) => {
      id(t, 'ticket_id');
      tenant(t);
      t.string('ticket_number', 32).notNullable();
      t.string('title', 255).notNullable();
      t.uuid('client_id').notNullable();
      t.uuid('contact_id').nullable();
      t.uuid('board_id').notNullable().references('board_id').inTable('boards');
      t.uuid('status_id').notNullable().references('status_id').inTable('ticket_statuses');
      t.uuid('priority_id').notNullable().references('priority_id').inTable('priorities');
      t.uuid('assignee_id').nullable();
      t.string('assignee_type', 8).nullable();
      t.string('response_state', 32).nullable();
      t.integer('escalation_level').notNullable().defaultTo(0);
      at(t, 'closed_at').nullable();
      t.uuid('closed_by_user_id').nullable();
      t.uuid('merged_into_ticket_id').nullable().references('ticket_id').inTable('tickets');
      t.uuid('split_from_ticket_id').nullable().references('ticket_id').inTable('tickets');
      t.uuid('created_by_user_id').nullable();
      at(t, 'created_at').notNullable();
      at(t, 'updated_at').notNullable();
      t.unique(['tenant', 'ticket_number']);
    });
    await db.schema.createTable('ticket_tags', (t) => {
      tenant(t);
      t.uuid('ticket_id').notNullable().references('ticket_id').inTable('tickets').onDelete('CASCADE');
      t.uuid('tag_id').notNullable().references('tag_id').inTable('tags').onDelete('CASCADE');
      t.primary(['ticket_id', 'tag_id']);
    });
    await db.schema.createTable('ticket_messages', (t) => {
      id(t, 'message_id');
      tenant(t);
      t.uuid('ticket_id').notNullable().references('ticket_id').inTable('tickets');
      t.string('visibility', 16).notNullable();
      t.uuid('author_id').notNullable();
      t.string('author_type', 16).notNullable();
      t.string('channel', 16).notNullable();
      t.text('content').notNullable();
      t.integer('attachments_count').notNullable().defaultTo(0);
      at(t, 'created_at').notNullable();
      at(t, 'updated_at').notNullable();
      t.index(['ticket_id', 'created_at']);
    });
    await db.schema.createTable('ticket_time_entries', (t) => {
      id(t, 'time_entry_id');
      tenant(t);
      t.uuid('ticket_id').notNullable().references('ticket_id').inTable('tickets');
      t.uuid('user_id').notNullable();
      t.integer('minutes').notNullable();
      t.boolean('billable').notNullable();
      t.text('notes').nullable();
      at(t, 'created_at').notNullable();
    });
    // One row per ticket and stage; `state` only ever leaves 'active' through a conditional
    // UPDATE ... WHERE state = 'active', which is what makes met/breached happen exactly once.
    await db.schema.createTable('ticket_sla_stages', (t) => {
      tenant(t);
      t.uuid('ticket_id').notNullable().references('ticket_id').inTable('tickets').onDelete('CASCADE');
      t.string('stage', 16).notNullable();
      t.uuid('sla_policy_id').notNullable().references('sla_policy_id').inTable('sla_policies');
      t.string('state', 16).notNullable().defaultTo('active');
      at(t, 'entered_at').notNullable();
      at(t, 'target_at').notNullable();
      at(t, 'completed_at').nullable();
      at(t, 'met_at').nullable();
      at(t, 'breached_at').nullable();
      t.primary(['ticket_id', 'stage']);
      t.index(['state', 'target_at']);
    });
  },
  async down(db) {
    for (const table of ['ticket_sla_stages', 'ticket_time_entries', 'ticket_messages', 'ticket_tags', 'tickets']) await db.schema.dropTable(table);
  },
};
