import { seedProspects, type BenchDatabase, type BenchTenant } from './database.js';
import { mixedBodies, newProspectBodies, newSeriesPrefix, type BodyFactory } from './payload.js';

/** How long and how big: the full run, or --quick for development. */
export interface Sizes {
  seconds: number;
  warmupSeconds: number;
  /** CRM sizes for the scale series, besides 0 (the batch1000 scenario itself). */
  crmSizes: number[];
  duplicatePool: number;
  movePool: number;
  ceilingRows: number;
  /** The /v1 read scenarios (bench/reads.ts): CRM size, and seconds of warm-up, closed loop and fixed rate. */
  readCrmSize: number;
  readWarmupSeconds: number;
  readMaxSeconds: number;
  readSeconds: number;
  /** The app's table on a CRM of this size: a filtered page, a search over slugs and URLs, a bulk move of everything. */
  appCrmSize: number;
}

export const FULL: Sizes = {
  seconds: 8,
  warmupSeconds: 2,
  crmSizes: [100_000, 1_000_000],
  duplicatePool: 100_000,
  movePool: 150_000,
  ceilingRows: 100_000,
  readCrmSize: 1_000_000,
  readWarmupSeconds: 1,
  readMaxSeconds: 3,
  readSeconds: 6,
  appCrmSize: 100_000,
};

export const QUICK: Sizes = {
  seconds: 2.5,
  warmupSeconds: 1,
  crmSizes: [25_000],
  duplicatePool: 10_000,
  movePool: 60_000,
  ceilingRows: 20_000,
  readCrmSize: 50_000,
  readWarmupSeconds: 0.5,
  readMaxSeconds: 1.5,
  readSeconds: 2.5,
  appCrmSize: 20_000,
};

/** Connections for batch requests: enough to overlap parsing with the database, few enough for latency. */
export const BATCH_CONNECTIONS = 4;

export const IMPORT_PATH = '/prospects/addProspectFromIntegration';

export interface Prepared {
  body: BodyFactory;
  /** New prospects each request creates, and enrolments it makes: what the check expects. */
  newPerRequest: number;
  enrolPerRequest: number;
}

export interface Scenario {
  id: string;
  title: string;
  group: 'throughput' | 'mixed' | 'scale';
  batch: number;
  connections: number;
  /** Prospects already in the user's CRM before the run (scale series). */
  crmSize: number;
  /** Requests spread round-robin over this many CRMs, each its own user and key (default 1). */
  crms?: number;
  /** Measure the raw-insert ceiling on this very database after the run (scale series). */
  ceilingAfter: boolean;
  prepare(database: BenchDatabase, tenant: BenchTenant, sizes: Sizes): Promise<Prepared>;
}

const allNew = (batch: number, withCampaign = false): Scenario['prepare'] =>
  async (_database, tenant) => ({
    body: newProspectBodies({ listId: tenant.listIds[0], extra: withCampaign ? { campaignId: tenant.campaignId } : undefined }, batch, newSeriesPrefix('new')),
    newPerRequest: batch,
    enrolPerRequest: withCampaign ? batch : 0,
  });

const throughput = (batch: number, connections: number, crmSize = 0): Scenario => ({
  id: crmSize === 0 ? `batch${batch}-c${connections}` : `batch${batch}-crm${crmSize}`,
  title:
    crmSize === 0
      ? `${batch === 1 ? '1 new prospect' : `${batch.toLocaleString('en')} new prospects`} per request, ${connections} connections`
      : `${batch.toLocaleString('en')} new prospects per request, CRM already at ${crmSize.toLocaleString('en')}`,
  group: crmSize === 0 ? 'throughput' : 'scale',
  batch,
  connections,
  crmSize,
  ceilingAfter: crmSize > 0,
  async prepare(database, tenant, sizes) {
    if (crmSize > 0) {
      const seconds = await seedProspects(database, tenant, { prefix: newSeriesPrefix('crm'), count: crmSize, listId: tenant.listIds[1], tag: 1 });
      process.stderr.write(`  seeded ${crmSize.toLocaleString('en')} prospects in ${seconds.toFixed(1)} s\n`);
    }
    return allNew(batch)(database, tenant, sizes);
  },
});

export function scenarios(sizes: Sizes): Scenario[] {
  return [
    throughput(1, 10),
    throughput(1, 50),
    { ...throughput(1, 50), id: 'batch1-c50-crm20', title: '1 new prospect per request, 50 connections, spread over 20 CRMs', crms: 20 },
    throughput(100, 10),
    throughput(1000, BATCH_CONNECTIONS),
    {
      id: 'mixed-duplicates',
      title: '1,000 per request: 50% already in the target list (duplicated_prospect), 50% new',
      group: 'mixed',
      batch: 1000,
      connections: BATCH_CONNECTIONS,
      crmSize: sizes.duplicatePool,
      ceilingAfter: false,
      async prepare(database, tenant) {
        const prefix = newSeriesPrefix('dup');
        await seedProspects(database, tenant, { prefix, count: sizes.duplicatePool, listId: tenant.listIds[0], tag: 2 });
        return {
          body: mixedBodies({ listId: tenant.listIds[0] }, 1000, newSeriesPrefix('new'), { prefix, count: sizes.duplicatePool, consume: false }),
          newPerRequest: 500,
          enrolPerRequest: 0,
        };
      },
    },
    {
      id: 'mixed-moves',
      title: '1,000 per request, moveDuplicatesToOtherList: 50% moved from another list, 50% new',
      group: 'mixed',
      batch: 1000,
      connections: BATCH_CONNECTIONS,
      crmSize: sizes.movePool,
      ceilingAfter: false,
      async prepare(database, tenant) {
        const prefix = newSeriesPrefix('move');
        await seedProspects(database, tenant, { prefix, count: sizes.movePool, listId: tenant.listIds[1], tag: 3 });
        return {
          body: mixedBodies({ listId: tenant.listIds[0], extra: { moveDuplicatesToOtherList: true } }, 1000, newSeriesPrefix('new'), {
            prefix,
            count: sizes.movePool,
            consume: true,
          }),
          newPerRequest: 500,
          enrolPerRequest: 0,
        };
      },
    },
    {
      id: 'mixed-campaign',
      title: '1,000 new prospects per request, each enrolled in a running campaign',
      group: 'mixed',
      batch: 1000,
      connections: BATCH_CONNECTIONS,
      crmSize: 0,
      ceilingAfter: false,
      prepare: allNew(1000, true),
    },
    ...sizes.crmSizes.map((size) => throughput(1000, BATCH_CONNECTIONS, size)),
  ];
}

/** The HTTP ceiling is driven with the same bodies and connections as these scenarios. */
export const HTTP_CEILING_CASES: { id: string; batch: number; connections: number }[] = [
  { id: 'batch1-c10', batch: 1, connections: 10 },
  { id: 'batch1-c50', batch: 1, connections: 50 },
  { id: 'batch100-c10', batch: 100, connections: 10 },
  { id: `batch1000-c${BATCH_CONNECTIONS}`, batch: 1000, connections: BATCH_CONNECTIONS },
];
