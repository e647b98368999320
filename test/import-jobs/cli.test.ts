import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { cliCommand } from '../../scripts/cluster.js';
import { ROOT } from '../support/build.js';
import { childEnv, type CliResult } from '../support/cli.js';
import { prospectRows } from '../support/compatible-api.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { createTenant, uniqueProfileUrl } from '../support/tenant.js';

/** `prospect-hub import` from source (the code under test), stdout and stderr apart. */
function importCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const { command, args: argv } = cliCommand('source', ['import', ...args]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

for (const engine of ENGINES) {
  describe(`prospect-hub import (${engine})`, () => {
    test('imports a CSV with a mapping: progress lines, the summary, and the failed rows in their own columns', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-import-'));
      const file = join(dir, 'people.csv');
      writeFileSync(file, ['Who,Name', `${uniqueProfileUrl()},Ann`, 'https://example.com/nobody,Bob', `${uniqueProfileUrl()},Cy`, 'x,y,z', `${uniqueProfileUrl()},Di`].join('\n'));
      const env = { DATABASE_URL: fresh.url, MAX_BATCH: '2' };
      const result = await importCli([file, '--user', tenant.user.email, '--list', tenant.listId, '--map', 'Who=url', '--map', 'Name=firstName', '--progress', 'lines'], env);
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stderr.trim().split('\n');
      assert.match(lines[0]!, /^import job [0-9a-f]{24}: 5 rows staged$/);
      assert.match(lines.at(-1)!, /^import [0-9a-f]{24}: completed_with_errors, 5\/5 rows, \d+ rows\/s, … left$/);
      assert.match(result.stdout, /^import job [0-9a-f]{24} completed_with_errors: 5 of 5 rows in [\d.]+ s/);
      assert.match(result.stdout, /\n {2}success: 3\n {2}invalid_row: 2\n/);
      assert.ok(result.stdout.trim().endsWith(`failed rows (2), fix and import again: ${file}.failed-rows.csv`), result.stdout);
      assert.deepEqual(parse(readFileSync(`${file}.failed-rows.csv`, 'utf8'), { relax_column_count: true }), [
        ['Who', 'Name', 'error'],
        ['https://example.com/nobody', 'Bob', "not a LinkedIn profile URL: not a linkedin.com host: send the person's https://www.linkedin.com/in/… URL"],
        ['x', 'y', 'the line has 3 fields where the header has 2'],
      ]);
      assert.equal((await prospectRows(fresh.database, tenant.user.id)).length, 3);

      const bar = await importCli([file, '--user', tenant.user.email, '--list', tenant.lists[1]!.id, '--map', 'Who=url', '--progress', 'bar', '--dry-run', '--json', '--failed-rows', join(dir, 'again.csv')], env);
      assert.equal(bar.code, 0, bar.stderr);
      assert.match(bar.stderr, /\r\[#{24}\] 100% {2}5\/5 rows {2}[\d,]+ rows\/s {2}… left\n$/);
      const job = JSON.parse(bar.stdout);
      assert.deepEqual([job.state, job.dryRun, job.rows, job.failedRowsFile], ['completed_with_errors', true, { done: 5, total: 5, failed: 2 }, join(dir, 'again.csv')]);
      assert.equal((await prospectRows(fresh.database, tenant.user.id)).length, 3, 'a dry run writes nothing');
    });

    test("the summary lists the job's warnings (unknown fields, with their row), the first ten then how many more", async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      const dir = mkdtempSync(join(tmpdir(), 'prospect-hub-import-'));
      const file = join(dir, 'people.jsonl');
      const crowded: Record<string, unknown> = { url: uniqueProfileUrl() };
      for (let i = 0; i < 12; i++) crowded[`extra${i}`] = i;
      writeFileSync(file, [{ url: uniqueProfileUrl(), nickname: 'Al' }, { url: uniqueProfileUrl(), customProfile: { firstName: 'Bo', shoeSize: 44 } }, crowded].map((line) => JSON.stringify(line)).join('\n'));
      const result = await importCli([file, '--user', tenant.user.email, '--list', tenant.listId, '--progress', 'lines'], { DATABASE_URL: fresh.url });
      assert.equal(result.code, 0, result.stderr);
      const warnings = result.stdout.slice(result.stdout.indexOf('\nwarnings'));
      assert.equal(
        warnings.split('\nno failed rows')[0],
        [
          '\nwarnings (14):',
          '  row 1 /nickname: unknown field, ignored',
          '  row 2 /customProfile/shoeSize: unknown field, ignored',
          ...Array.from({ length: 8 }, (_, i) => `  row 3 /extra${i}: unknown field, ignored`),
          '  … and 4 more (--json lists the first 100)',
        ].join('\n'),
      );
      assert.match(result.stdout, /^import job [0-9a-f]{24} completed: 3 of 3 rows/);

      const json = await importCli([file, '--user', tenant.user.email, '--list', tenant.lists[1]!.id, '--progress', 'lines', '--json'], { DATABASE_URL: fresh.url });
      const job = JSON.parse(json.stdout);
      assert.deepEqual([job.warningCount, job.warnings.length, job.warnings[13], job.fileName], [14, 14, { row: 3, path: '/extra11', message: 'unknown field, ignored' }, 'people.jsonl']);

      const clean = join(dir, 'clean.csv');
      writeFileSync(clean, `url,Whatever\n${uniqueProfileUrl()},x\n`);
      const none = await importCli([clean, '--user', tenant.user.email, '--list', tenant.listId, '--progress', 'lines'], { DATABASE_URL: fresh.url });
      assert.equal(none.code, 0, none.stderr);
      assert.doesNotMatch(none.stdout, /warnings/, 'a CSV column left unmapped is no warning');
    });

    test('refusals are one line and leave no job', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      const tenant = await createTenant(fresh.database);
      const file = join(mkdtempSync(join(tmpdir(), 'prospect-hub-import-')), 'people.jsonl');
      writeFileSync(file, JSON.stringify({ url: uniqueProfileUrl() }));
      const env = { DATABASE_URL: fresh.url };
      for (const [args, reason] of [
        [[file, '--user', tenant.user.email, '--list', 'ffffffffffffffffffffffff'], /no prospect list/],
        [[file, '--user', tenant.user.email, '--list', tenant.listId, '--map', 'a=nonsense'], /--map a=nonsense: write header=field/],
        [[`${file}.missing`, '--user', tenant.user.email, '--list', tenant.listId], /cannot read/],
      ] as [string[], RegExp][]) {
        const result = await importCli(args, env);
        assert.notEqual(result.code, 0);
        assert.match(result.stderr.trim(), reason);
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      }
      assert.equal((await fresh.database.db.selectFrom('import_jobs').select('id').execute()).length, 0);
    });
  });
}
