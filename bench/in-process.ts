import { boundHeapGrowth } from '../src/cli/serve.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { Engine } from '../src/store/database.js';
import { openDatabase } from '../src/store/database.js';
import { freshBenchDatabase } from './database.js';
import { newProspectBodies, newSeriesPrefix } from './payload.js';
import { IMPORT_PATH } from './scenarios.js';

/**
 * One import path in-process, without sockets or a load generator: CPU time per request from
 * process.cpuUsage, steadier than wall time on a shared machine. For profiling while optimising:
 *   node --cpu-prof --cpu-prof-dir=.tmp/prof --import tsx bench/in-process.ts sqlite 1000 60
 *   node --import tsx bench/profile-summary.ts .tmp/prof/<largest>.cpuprofile
 */

const engine = (process.argv[2] ?? 'sqlite') as Engine;
const batch = Number(process.argv[3] ?? 1000);
const requests = Number(process.argv[4] ?? 60);

boundHeapGrowth(); // as the server does
const { database: bench, tenant } = await freshBenchDatabase(engine);
const database = openDatabase(bench.url);
const app = await buildApp({ config: loadConfig({ DATABASE_URL: bench.url, LOG_LEVEL: 'silent', RATE_LIMIT: 'off' }), database });
const bodies = newProspectBodies({ listId: tenant.listIds[0] }, batch, newSeriesPrefix('inproc'));
const headers = { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' };
const post = async (payload: string) => {
  const answer = await app.inject({ method: 'POST', url: IMPORT_PATH, headers, payload });
  if (answer.statusCode !== 200) throw new Error(`${answer.statusCode}: ${answer.body}`);
  return answer.body.length;
};

try {
  for (let i = 0; i < 10; i++) await post(bodies.next());
  const payloads = Array.from({ length: requests }, () => bodies.next());
  const started = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (const payload of payloads) bytes += await post(payload);
  const used = process.cpuUsage(cpu);
  const wallMs = (performance.now() - started) / requests;
  const cpuMs = (used.user + used.system) / 1000 / requests;
  process.stdout.write(
    `${engine}, ${batch} per request: ${cpuMs.toFixed(2)} ms CPU and ${wallMs.toFixed(2)} ms wall per request, ${Math.round((batch * 1000) / wallMs)} prospects/s, answers of ${Math.round(bytes / requests)} bytes\n`,
  );
} finally {
  await app.close();
  await database.close();
  await bench.drop();
}
