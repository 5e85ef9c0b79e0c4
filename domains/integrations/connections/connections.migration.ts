import { Knex, Migration } from '../../../lib/kit';

const at = (t: Knex.CreateTableBuilder, name: string) => t.timestamp(name, { useTz: true });

/** Integrations (a provider's OAuth client per tenant), pending authorizations and connections with sealed tokens. */
export const connectionsMigration: Migration = {
  name: 'integrations_001_connections',
  async up(db) {
    await db.schema.createTable('integrations', (t) => {
      t.uuid('integration_id').primary();
      t.uuid('tenant').notNullable();
      t.string('provider', 64).notNullable();
      t.string('name', 200).notNullable();
      t.text('issuer').notNullable();
      // RFC 8414 authorization server metadata, discovered once at registration.
      t.text('server_metadata').notNullable();
      t.text('client_id').notNullable();
      t.text('client_secret_sealed').nullable();
      t.text('scopes').notNullable();
      t.text('api_base_url').nullable();
      t.uuid('created_by_user_id').notNullable();
      at(t, 'created_at').notNullable();
      t.unique(['tenant', 'name']);
    });
    await db.schema.createTable('integration_authorizations', (t) => {
      t.string('state', 128).primary();
      t.uuid('tenant').notNullable();
      t.uuid('integration_id').notNullable();
      // The connection the callback creates (or reconnects).
      t.uuid('connection_id').notNullable();
      t.text('code_verifier_sealed').notNullable();
      t.text('redirect_uri').notNullable();
      t.uuid('requested_by_user_id').notNullable();
      at(t, 'created_at').notNullable();
      at(t, 'expires_at').notNullable();
      at(t, 'completed_at').nullable();
      t.index(['tenant', 'integration_id']);
    });
    await db.schema.createTable('integration_connections', (t) => {
      t.uuid('connection_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('integration_id').notNullable();
      t.string('status', 16).notNullable();
      at(t, 'connected_at').notNullable();
      t.uuid('connected_by_user_id').nullable();
      at(t, 'disconnected_at').nullable();
      t.uuid('disconnected_by_user_id').nullable();
      t.text('disconnect_reason').nullable();
      t.text('access_token_sealed').nullable();
      t.text('refresh_token_sealed').nullable();
      t.string('token_type', 32).nullable();
      t.text('granted_scope').nullable();
      at(t, 'access_token_expires_at').nullable();
      at(t, 'refresh_token_expires_at').nullable();
      // When the credentials stop working without a person: the refresh token's end of life, or the access token's when there is no refresh token.
      at(t, 'credentials_expire_at').nullable();
      // The credentials_expire_at an INTEGRATION_TOKEN_EXPIRING was emitted for (once per token and expiry).
      at(t, 'expiry_notified_for').nullable();
      t.integer('token_version').notNullable().defaultTo(1);
      at(t, 'refreshed_at').nullable();
      at(t, 'refresh_attempted_at').nullable();
      t.integer('refresh_failures').notNullable().defaultTo(0);
      at(t, 'next_refresh_at').nullable();
      t.string('last_refresh_error_code', 64).nullable();
      t.text('last_refresh_error').nullable();
      t.text('attention_reason').nullable();
      t.text('webhook_secret_sealed').nullable();
      t.text('sync_cursor').nullable();
      at(t, 'updated_at').notNullable();
      t.index(['tenant', 'integration_id']);
      t.index(['status', 'access_token_expires_at']);
    });
  },
  async down(db) {
    await db.schema.dropTable('integration_connections');
    await db.schema.dropTable('integration_authorizations');
    await db.schema.dropTable('integrations');
  },
};
