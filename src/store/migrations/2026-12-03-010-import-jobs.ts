import { sql, type Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Import jobs (docs/v1.md#import-jobs): a job, its staged input in chunks of rows, one result per row.
//
// - import_jobs: the job's options, state, counters and the lease of the instance running it
//   (lease_owner until lease_until, renewed by a heartbeat; an expired lease is taken over).
//   next_chunk is the first chunk not yet committed: a chunk's rows, results and counters commit in
//   one transaction with next_chunk + 1, and only while the runner still holds the lease and
//   next_chunk is what it read, so no chunk is ever imported twice.
// - import_job_chunks: the upload, parsed and staged as it streamed in (JSON rows, 1,000 a chunk),
//   readable by any instance that takes the job over; activity_id names the import request the
//   chunk wrote (one activity entry per chunk, as a 1,000-prospect request writes).
// - import_job_results: per input row, its codes and the prospect.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('api_key_id', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('staging', 'queued', 'running', 'completed', 'completed_with_errors', 'failed', 'canceled', 'reverted')`),
    )
    .addColumn('format', 'text', (c) => c.notNull())
    // JSON: list, campaign, flags, origin, dryRun, mapping.
    .addColumn('options', 'text', (c) => c.notNull())
    // JSON array: the CSV header as read (the failed-rows file's columns), or null.
    .addColumn('columns', 'text')
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chunk_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_chunk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON objects: rows per importCode and per addToCampaignCode.
    .addColumn('import_codes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('campaign_codes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_jobs_user').on('import_jobs').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('import_jobs_state').on('import_jobs').columns(['state', 'id']).execute();
  await sql`create unique index import_jobs_idempotency on import_jobs (user_id, idempotency_key) where idempotency_key is not null`.execute(db);

  await db.schema
    .createTable('import_job_chunks')
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id').onDelete('cascade'))
    .addColumn('chunk', 'integer', (c) => c.notNull())
    .addColumn('first_row', 'integer', (c) => c.notNull())
    // JSON array of staged rows (engine/import-job-rows.ts).
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text')
    .addPrimaryKeyConstraint('import_job_chunks_pk', ['job_id', 'chunk'])
    .execute();

  await db.schema
    .createTable('import_job_results')
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('import_code', 'text', (c) => c.notNull())
    .addColumn('campaign_code', 'text')
    .addColumn('prospect_id', 'text')
    .addColumn('message', 'text')
    .addPrimaryKeyConstraint('import_job_results_pk', ['job_id', 'row_number'])
    .execute();
  await db.schema.createIndex('import_job_results_code').on('import_job_results').columns(['job_id', 'import_code', 'row_number']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['import_job_results', 'import_job_chunks', 'import_jobs']) await db.schema.dropTable(table).ifExists().execute();
}
