import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so later changes to the app cannot
// change what this migration did. Portable types only (text, integer) so SQLite and PostgreSQL
// run the very same statements.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('api_access', 'integer', (c) => c.notNull())
    .addColumn('crm_limit', 'integer', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull())
    .execute();

  await db
    .insertInto('plans')
    .values([
      { id: 'free', name: 'Free', api_access: 0, crm_limit: 1_000, permissions: '[]', rate_limit_per_minute: 60 },
      { id: 'pro', name: 'Pro', api_access: 0, crm_limit: 10_000, permissions: '[]', rate_limit_per_minute: 60 },
      { id: 'advanced', name: 'Advanced', api_access: 1, crm_limit: 50_000, permissions: '[]', rate_limit_per_minute: 600 },
      {
        id: 'business',
        name: 'Business',
        api_access: 1,
        crm_limit: 200_000,
        permissions: '["import_duplicates"]',
        rate_limit_per_minute: 1200,
      },
    ])
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('dedup_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lock_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('permissions', 'text')
    .addColumn('crm_limit', 'integer')
    .addColumn('password_hash', 'text')
    .addColumn('prospect_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lock_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_team').on('users').column('team_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();

  await db.schema
    .createTable('prospect_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('icon_color', 'text', (c) => c.notNull())
    .addColumn('icon_label', 'text', (c) => c.notNull())
    .addColumn('total_prospects', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prospect_lists_user').on('prospect_lists').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'running', 'paused', 'archived')`))
    .addColumn('requires_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_user').on('campaigns').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('prospects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('list_id', 'text', (c) => c.notNull().references('prospect_lists.id').onDelete('cascade'))
    .addColumn('public_identifier', 'text')
    .addColumn('member_id', 'text')
    .addColumn('sales_member_id', 'text')
    .addColumn('linkedin_url', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('occupation', 'text')
    .addColumn('email', 'text')
    .addColumn('company_name', 'text')
    .addColumn('custom_variables', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'prospects_one_identity',
      sql`(case when public_identifier is null then 0 else 1 end) + (case when member_id is null then 0 else 1 end) + (case when sales_member_id is null then 0 else 1 end) = 1`,
    )
    .execute();
  // The database itself refuses a second prospect for one profile in one CRM
  // (docs/api.md#atomicity-and-concurrency); a permitted duplicate copy carries duplicate_of and
  // stands outside the index.
  // These partial indexes also serve the batch look-ups, which always filter duplicate_of is null.
  for (const column of ['public_identifier', 'member_id', 'sales_member_id']) {
    await db.schema
      .createIndex(`prospects_unique_${column}`)
      .on('prospects')
      .columns(['user_id', column])
      .unique()
      .where(sql.ref('duplicate_of'), 'is', null)
      .execute();
  }
  await db.schema
    .createIndex('prospects_copies')
    .on('prospects')
    .column('duplicate_of')
    .where(sql.ref('duplicate_of'), 'is not', null)
    .execute();
  await db.schema.createIndex('prospects_list').on('prospects').columns(['list_id', 'id']).execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('prospect_id', 'text', (c) => c.notNull().references('prospects.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enrolments_once_per_campaign', ['prospect_id', 'campaign_id'])
    .execute();
  // A prospect travels one campaign at a time (docs/api.md#campaign-codes, already_in_campaign).
  await db.schema
    .createIndex('enrolments_one_active')
    .on('enrolments')
    .column('prospect_id')
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute();
  await db.schema.createIndex('enrolments_campaign').on('enrolments').columns(['campaign_id', 'id']).execute();

  await db.schema
    .createTable('activity_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('api_key_id', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_label', 'text', (c) => c.notNull())
    .addColumn('integration_origin', 'text')
    .addColumn('list_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('prospect_count', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('outcomes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_events_user').on('activity_events').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expiry').on('idempotency_keys').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'activity_events',
    'enrolments',
    'prospects',
    'campaigns',
    'prospect_lists',
    'api_keys',
    'users',
    'teams',
    'plans',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
