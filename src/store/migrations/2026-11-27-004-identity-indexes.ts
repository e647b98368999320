import { sql, type Kysely } from 'kysely';

// Frozen in time: never imports application code.
// Each identity index holds only the prospects identified by its column. Before, every original
// prospect had an entry in all three (two of them NULL): three index writes per insert where one
// does, and PostgreSQL, before its first ANALYZE of a growing table, planned the batch look-up on
// whichever of the three came first (any of them matched on user_id), filtering a whole CRM per
// request. The look-ups say `<column> is not null` so that only the right index qualifies.

const IDENTITY_COLUMNS = ['public_identifier', 'member_id', 'sales_member_id'];

async function rebuild(db: Kysely<any>, onlyItsOwnRows: boolean): Promise<void> {
  for (const column of IDENTITY_COLUMNS) {
    await db.schema.dropIndex(`prospects_unique_${column}`).execute();
    const where = onlyItsOwnRows ? sql`duplicate_of is null and ${sql.ref(column)} is not null` : sql`duplicate_of is null`;
    await sql`create unique index ${sql.ref(`prospects_unique_${column}`)} on prospects (user_id, ${sql.ref(column)}) where ${where}`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, false);
}
