import type { Engine } from '../src/store/database.js';
import { checkCrm, freshBenchDatabase, sqliteOf, type BenchDatabase, type BenchTenant, type CrmCheck } from './database.js';
import { rawInsertCeiling } from './db-ceiling.js';
import { runLoad } from './load.js';
import type { RawCeiling, ScenarioResult } from './report.js';
import { IMPORT_PATH, type Prepared, type Scenario, type Sizes } from './scenarios.js';
import { startProspectHub } from './server.js';

/**
 * One import scenario: its own server process on a fresh database, a closed loop (bench/load.ts),
 * and the rows it wrote checked exactly against the requests answered.
 */

/** Every CRM the load went to, in the same order before and after. */
export async function checkCrms(database: BenchDatabase, tenants: BenchTenant[]): Promise<CrmCheck[]> {
  // One after another: the raw connection is a single pg client.
  const checks: CrmCheck[] = [];
  for (const tenant of tenants) checks.push(await checkCrm(database, tenant));
  return checks;
}

/** What is wrong after `requests` answered imports spread over the CRMs checked (empty when all is exact). */
export function verifyImports(before: CrmCheck[], after: CrmCheck[], requests: number, expected: Pick<Prepared, 'newPerRequest' | 'enrolPerRequest'>): string[] {
  const problems: string[] = [];
  const sum = (checks: CrmCheck[], of: (c: CrmCheck) => number) => checks.reduce((total, c) => total + of(c), 0);
  const created = sum(after, (c) => c.prospects) - sum(before, (c) => c.prospects);
  if (created !== requests * expected.newPerRequest) problems.push(`${created} prospects created, expected ${requests * expected.newPerRequest}`);
  const enrolled = sum(after, (c) => c.enrolments) - sum(before, (c) => c.enrolments);
  if (enrolled !== requests * expected.enrolPerRequest) problems.push(`${enrolled} enrolments, expected ${requests * expected.enrolPerRequest}`);
  for (const [k, crm] of after.entries()) {
    const which = after.length > 1 ? ` (CRM ${k + 1})` : '';
    if (crm.userCount !== crm.prospects) problems.push(`users.prospect_count ${crm.userCount} but ${crm.prospects} rows${which}`);
    for (const list of crm.listTotals) if (list.stored !== list.actual) problems.push(`list ${list.id} totalProspects ${list.stored} but ${list.actual} rows${which}`);
    if (crm.doubles > 0) problems.push(`${crm.doubles} profiles with two originals${which}`);
    if (after.length > 1 && crm.prospects === before[k]!.prospects) problems.push(`no prospect reached CRM ${k + 1}`);
  }
  return problems;
}

/** The closed loop against a server on `database`, already prepared; the server is stopped afterwards. */
export async function loadAndCheck(
  engine: Engine,
  database: BenchDatabase,
  tenant: BenchTenant,
  scenario: ScenarioResult['scenario'],
  prepared: Prepared,
  sizes: Sizes,
  serverArgs: string[],
): Promise<ScenarioResult> {
  const tenants = prepared.tenants ?? [tenant];
  const server = await startProspectHub(database.url, {}, serverArgs);
  try {
    let before: CrmCheck[] = [];
    const load = await runLoad(
      { url: server.url, path: IMPORT_PATH, key: tenant.key, connections: scenario.connections, seconds: sizes.seconds, warmupSeconds: sizes.warmupSeconds, body: prepared.body },
      async () => {
        before = await checkCrms(database, tenants);
      },
    );
    const problems = verifyImports(before, await checkCrms(database, tenants), load.requests, prepared);
    if (load.non2xx > 0 || load.errors > 0) problems.unshift(`${load.non2xx} non-2xx answers, ${load.errors} errors`);
    return {
      engine,
      scenario,
      load,
      itemsPerSecond: load.requestsPerSecond * scenario.batch,
      createdPerSecond: load.requestsPerSecond * prepared.newPerRequest,
      peakRssMb: server.peakRssMb(),
      problems,
    };
  } finally {
    await server.stop();
  }
}

/** The raw-insert ceiling on this very database, as it is now (after a scenario: at its CRM size). */
export async function ceilingNow(engine: Engine, database: BenchDatabase, tenant: BenchTenant, crmSize: number, sizes: Sizes): Promise<RawCeiling> {
  if (engine === 'sqlite') sqliteOf(database.raw).pragma('wal_checkpoint(TRUNCATE)');
  return { engine, crmSize, result: await rawInsertCeiling(database, tenant, sizes.ceilingRows) };
}

export async function runScenario(engine: Engine, scenario: Scenario, sizes: Sizes, serverArgs: string[]): Promise<{ result: ScenarioResult; ceiling?: RawCeiling }> {
  const { database, tenant } = await freshBenchDatabase(engine);
  try {
    const prepared = await scenario.prepare(database, tenant, sizes);
    const result = await loadAndCheck(engine, database, tenant, scenario, prepared, sizes, serverArgs);
    const ceiling = scenario.ceilingAfter ? await ceilingNow(engine, database, tenant, scenario.crmSize, sizes) : undefined;
    return { result, ceiling };
  } finally {
    await database.drop();
  }
}
