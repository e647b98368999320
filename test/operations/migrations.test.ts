import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { ENGINES, TEST_DATABASE_URL, freshDatabaseUrl } from '../support/engines.js';

// docs/deploy.md ("Migrations"): several instances starting at the same moment on a brand-new database all come up,
// and the schema is built exactly once.

/**
 * `prospect-hub migrate --json` in `count` processes that first load all their code, then wait at a
 * barrier (a file) so they really start migrating together. Resolves with each one's stdout.
 */
async function migrateTogether(count: number, databaseUrl: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-barrier-'));
  const barrier = join(dir, 'go');
  const entry = `
    import { existsSync } from 'node:fs';
    const { main } = await import(${JSON.stringify(resolve('src/cli/main.ts'))});
    process.stderr.write('loaded');
    while (!existsSync(${JSON.stringify(barrier)})) await new Promise((r) => setTimeout(r, 5));
    process.exitCode = await main(['migrate', '--json']);`;
  try {
    const children = Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', entry], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const run = { stdout: '', stderr: '', loaded: new Promise<void>((r) => child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()).includes('loaded') && r())) };
      child.stdout.on('data', (c: Buffer) => (run.stdout += c.toString()));
      return { child, run, exit: once(child, 'exit') as Promise<[number | null]> };
    });
    await Promise.race([Promise.all(children.map((c) => c.run.loaded)), Promise.all(children.map((c) => c.exit))]);
    writeFileSync(barrier, '');
    const codes = await Promise.all(children.map((c) => c.exit));
    children.forEach((c, i) => assert.equal(codes[i]![0], 0, `process ${i} failed:\n${c.run.stdout}${c.run.stderr}`));
    return children.map((c) => c.run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
for (const engine of ENGINES) {
  describe(`migrations (${engine})`, () => {
    test('4 processes migrating one fresh database at once all succeed and apply each migration once', async (t) => {
      const fresh = await freshDatabaseUrl(engine);
      t.after(() => fresh.drop());
      const outputs = await migrateTogether(4, fresh.url);
      const applied = outputs.map((o) => JSON.parse(o.trim().split('\n').at(-1)!).applied as string[]);
      assert.equal(applied.flat().length, Object.keys(migrations).length, `applied by the 4 processes: ${JSON.stringify(applied)}`);

      const database = openDatabase(fresh.url);
      t.after(() => database.close());
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
      assert.deepEqual(rows.rows.map((r) => r.name).sort(), Object.keys(migrations).sort());
      const plans = await database.db.selectFrom('plans').select('id').execute();
      assert.equal(plans.length, 4, 'the seed rows of the first migration exist once');
    });
  });
}

if (ENGINES.includes('postgres')) {
  describe('migrations (postgres schemas)', () => {
    test('a schema migrates even when another schema of the database already has Kysely migration tables', async (t) => {
      const other = await freshDatabaseUrl('postgres');
      const mine = await freshDatabaseUrl('postgres');
      t.after(async () => {
        await other.drop();
        await mine.drop();
      });
      const first = openDatabase(other.url);
      await migrateToLatest(first);
      await first.close();
      const second = openDatabase(mine.url);
      t.after(() => second.close());
      assert.deepEqual(await migrateToLatest(second), Object.keys(migrations));
      assert.deepEqual(await migrateToLatest(second), [], 'a second run finds nothing to do');
    });

    test('a ?schema= that does not exist yet is created by the migration', async (t) => {
      const schema = `t_new_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      t.after(async () => {
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.end();
      });
      const database = openDatabase(`${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`);
      t.after(() => database.close());
      await migrateToLatest(database);
      const { rows } = await admin.query(`select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'prospects'`, [schema]);
      assert.equal(rows[0].n, 1);
    });
  });
}
