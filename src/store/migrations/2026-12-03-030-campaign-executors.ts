import { type Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Campaigns that hand their work to executors (docs/webhooks.md#executors):
// - campaigns.executor_endpoint_id: the webhook endpoint each enrolment is delivered to (cleared
//   when the endpoint is deleted);
// - enrolments.stage (0 enrolled, 1 contacted, 2 connected, 3 replied: the furthest the executor
//   reported) and enrolments.outcome (replied, finished or failed: the step that ended it), so the
//   funnel is one grouped read;
// - enrolment_steps: what the executor reported, per enrolment;
// - webhook_messages.enrolment_id: the executor's message of an enrolment (at most one), deleted
//   with the enrolment, so a deleted or erased prospect leaves no profile in the delivery log.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaigns')
    .addColumn('executor_endpoint_id', 'text', (c) => c.references('webhook_endpoints.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('enrolments').addColumn('stage', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('enrolments').addColumn('outcome', 'text').execute();
  await db.schema
    .createTable('enrolment_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enrolment_steps_enrolment').on('enrolment_steps').columns(['enrolment_id', 'occurred_at', 'id']).execute();
  await db.schema
    .alterTable('webhook_messages')
    .addColumn('enrolment_id', 'text', (c) => c.references('enrolments.id').onDelete('cascade'))
    .execute();
  // Unique: an enrolment is handed over once. A full index (nulls never collide), which both engines
  // use for the cascade from enrolments.
  await db.schema.createIndex('webhook_messages_enrolment').unique().on('webhook_messages').column('enrolment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_messages_enrolment').ifExists().execute();
  await db.schema.alterTable('webhook_messages').dropColumn('enrolment_id').execute();
  await db.schema.dropTable('enrolment_steps').ifExists().execute();
  await db.schema.alterTable('enrolments').dropColumn('outcome').execute();
  await db.schema.alterTable('enrolments').dropColumn('stage').execute();
  await db.schema.alterTable('campaigns').dropColumn('executor_endpoint_id').execute();
}
