import { createReadStream, createWriteStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { UserFacingError, requireUser } from '../../services/accounts.js';
import { createImportJob, type Upload } from '../../services/import-jobs/create-job.js';
import { failedRowsCsv } from '../../services/import-jobs/failed-rows.js';
import { jobCaller } from '../../services/import-jobs/job-caller.js';
import { renderJob } from '../../services/import-jobs/job-view.js';
import { runJobHere } from '../../services/import-jobs/run-here.js';
import { ApiProblem } from '../../problems.js';
import { MAPPED_FIELDS, type ImportJobOptions, type MappedField } from '../../schemas/import-jobs.js';
import { jobActivityIds } from '../../store/import-jobs.js';
import { oneOf, optionalString, positional, requireString, type Command } from '../command.js';
import { importSummary, progressPrinter } from '../progress.js';

/**
 * `prospect-hub import FILE`: the import job of docs/v1.md#import-jobs from the command line. The
 * job is created and run by this process (a server on the same database would run it just the
 * same: the lease decides), with its progress on stderr and the summary on stdout.
 */
export const importFile: Command = {
  name: 'import',
  summary: 'Import a CSV, JSON Lines or JSON file as an import job, with progress, a summary and a failed-rows file',
  usage:
    'import FILE --user EMAIL --list ID [--campaign ID] [--map header=field …] [--variable-prefix P] [--variable HEADER …] [--origin NAME] [--dry-run] [--failed-rows PATH] [--progress bar|lines]',
  positionals: 1,
  options: {
    user: { type: 'string' },
    list: { type: 'string' },
    campaign: { type: 'string' },
    map: { type: 'string', multiple: true },
    'variable-prefix': { type: 'string' },
    variable: { type: 'string', multiple: true },
    origin: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'failed-rows': { type: 'string' },
    progress: { type: 'string' },
  },
  async run(context) {
    const { values, config, note } = context;
    const file = positional(context, 0, 'FILE (the file to import)');
    const mode = oneOf(values, 'progress', ['bar', 'lines'] as const, process.stderr.isTTY ? 'bar' : 'lines')!;
    const database = await context.database();
    const user = await requireUser(database.db, requireString(values, 'user'));
    const caller = await jobCaller(database.db, user.id, null);
    const options: ImportJobOptions = {
      prospectListId: requireString(values, 'list'),
      campaignId: optionalString(values, 'campaign') ?? null,
      origin: { name: optionalString(values, 'origin') ?? 'CLI' },
      dryRun: values['dry-run'] === true,
      mapping: mappingOf(values),
    };
    let created;
    try {
      created = await createImportJob(database, caller, await uploadOf(file), options, { maxBytes: config.importMaxBytes, maxRows: config.importMaxRows, chunkRows: config.maxBatch });
    } catch (error) {
      if (error instanceof ApiProblem) throw new UserFacingError(error.detail);
      throw error;
    }
    note(`import job ${created.job.id}: ${created.job.total_rows} rows staged`);
    const printer = progressPrinter(process.stderr, mode, mode === 'bar' ? 100 : 1000);
    const ended = await runJobHere(database, created.job.id, {
      leaseMs: config.importLeaseMs,
      perUser: config.importJobsPerUser,
      pollMs: config.importPollMs,
      onProgress: (row) => printer.update(renderJob(row, [])),
    });
    const job = renderJob(ended, (await jobActivityIds(database.db, [ended.id])).get(ended.id) ?? []);
    printer.done(job);
    let failedRowsFile: string | null = null;
    if (job.rows.failed > 0) {
      failedRowsFile = optionalString(values, 'failed-rows') ?? `${file}.failed-rows.csv`;
      await pipeline(Readable.from(failedRowsCsv(database, ended)), createWriteStream(failedRowsFile));
    }
    return { ...job, failedRowsFile };
  },
  human: importSummary,
};

/** The file as an upload, by its name: .jsonl/.ndjson are JSON Lines, .json a JSON array or the compatible endpoint's body, anything else CSV. */
async function uploadOf(file: string): Promise<Upload> {
  const stream = () => createReadStream(file);
  await access(file, constants.R_OK).catch(() => {
    throw new UserFacingError(`cannot read ${file}`);
  });
  const fileName = basename(file);
  if (/\.(jsonl|ndjson)$/i.test(file)) return { format: 'jsonl', body: stream(), fileName };
  if (/\.json$/i.test(file)) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new UserFacingError(`${file} is not JSON: ${(error as Error).message}`);
    }
    const prospects = Array.isArray(value) ? value : (value as { prospects?: unknown } | null)?.prospects;
    if (!Array.isArray(prospects)) throw new UserFacingError(`${file}: expected an array of prospects, or an object with "prospects"`);
    return { format: 'json', prospects };
  }
  return { format: 'csv', body: stream(), fileName };
}

function mappingOf(values: Parameters<typeof optionalString>[0]): ImportJobOptions['mapping'] {
  const columns: Record<string, MappedField> = {};
  for (const entry of (values.map as unknown as string[] | undefined) ?? []) {
    const at = entry.lastIndexOf('=');
    const field = entry.slice(at + 1);
    if (at <= 0 || !(MAPPED_FIELDS as readonly string[]).includes(field)) throw new UserFacingError(`--map ${entry}: write header=field, the field one of ${MAPPED_FIELDS.join(', ')}`);
    columns[entry.slice(0, at)] = field as MappedField;
  }
  const prefix = optionalString(values, 'variable-prefix');
  const variables = (values.variable as unknown as string[] | undefined) ?? [];
  return { ...(Object.keys(columns).length > 0 ? { columns } : {}), ...(prefix ? { variablePrefix: prefix } : {}), ...(variables.length > 0 ? { variableColumns: variables } : {}) };
}
