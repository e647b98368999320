import { useMemo, useState } from 'react';
import { api, apiEvery } from '../api.js';
import type { Campaign, ImportAnswer, List } from '../api-types.js';
import { count } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { guessMapping, toProspects, type Mapping } from '../import/csv-mapping.js';
import { parseCsv } from '../import/parse-csv.js';
import { sendInChunks, type Outcome, type Progress } from '../import/send-in-chunks.js';
import { Link } from '../router.js';
import { ErrorNote } from '../ui.js';
import { ColumnMapping } from './import/column-mapping.js';
import { chunkRequest, ImportOptions, NO_FLAGS, type ImportSettings } from './import/import-options.js';
import { OutcomeCard } from './import/outcome-card.js';

interface CsvFile {
  name: string;
  headers: string[];
  rows: string[][];
}

const NO_DATA = 'The file has no data rows: the first line must name the columns, the next ones hold one prospect each.';

/** CSV import: pick a file, map its columns, dry run, import in chunks of the server's `maxBatch`. */
export function ImportPage({ maxBatch }: { maxBatch: number }) {
  const lists = useResource((signal) => apiEvery<List>('/v1/lists', { signal }), []);
  const campaigns = useResource((signal) => apiEvery<Campaign>('/v1/campaigns', { signal }), []);
  const [file, setFile] = useState<CsvFile | null>(null);
  const [fileError, setFileError] = useState<Error | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [variables, setVariables] = useState(true);
  const [chosen, setChosen] = useState<ImportSettings>({ listId: '', campaignId: '', flags: NO_FLAGS });
  const [progress, setProgress] = useState<(Progress & { label: string }) | null>(null);
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [result, setResult] = useState<Outcome | null>(null);
  const mutation = useMutation();
  // Until a list is chosen, the first one.
  const settings = { ...chosen, listId: chosen.listId || lists.data?.[0]?.id || '' };
  const prospects = useMemo(() => (file && mapping ? toProspects(file.headers, file.rows, mapping, variables) : []), [file, mapping, variables]);

  const read = async (picked: File) => {
    setFileError(null);
    setPreview(null);
    setResult(null);
    const [headers, ...rows] = parseCsv(await picked.text());
    if (!headers || rows.length === 0) return setFileError(new Error(NO_DATA));
    setFile({ name: picked.name, headers, rows });
    setMapping(guessMapping(headers));
  };
  /** Any change of what would be sent makes the last dry run stale. */
  const stale = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPreview(null);
  };

  const go = async (dryRun: boolean) => {
    const label = dryRun ? 'Checking' : 'Importing';
    const post = (chunk: typeof prospects) => api<ImportAnswer>(`/v1/prospects/import${dryRun ? '?dryRun=true' : ''}`, { body: chunkRequest(settings, chunk) });
    const done = await mutation.run(() => sendInChunks(prospects, maxBatch, post, (p) => setProgress({ ...p, label })));
    setProgress(null);
    if (done.ok) (dryRun ? setPreview : setResult)(done.answer);
  };
  const ready = settings.listId !== '' && progress === null && mapping !== null && mapping.url >= 0;

  return (
    <section aria-labelledby="import-title">
      <div className="page-head">
        <h1 id="import-title">Import a CSV file</h1>
      </div>
      <div className="card">
        <label>
          CSV file (first line: column names; one column with LinkedIn profile URLs)
          <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
        </label>
        {file && (
          <p className="muted">
            {file.name}: {count(file.rows.length)} rows, {file.headers.length} columns.
          </p>
        )}
      </div>
      <ErrorNote error={fileError ?? mutation.error ?? lists.error ?? campaigns.error} />
      {file && mapping && (
        <>
          <ColumnMapping headers={file.headers} mapping={mapping} onMapping={stale(setMapping)} variables={variables} onVariables={stale(setVariables)} prospects={prospects} />
          <div className="card">
            <ImportOptions lists={lists.data ?? []} campaigns={campaigns.data ?? []} settings={settings} onChange={stale(setChosen)} />
            <div className="actions">
              <button type="button" disabled={!ready} onClick={() => void go(true)}>
                Preview outcome (dry run)
              </button>
              <button type="button" className="primary" disabled={!ready} onClick={() => void go(false)}>
                Import {count(prospects.length)} prospects
              </button>
            </div>
            {progress && (
              <div className="progress-box">
                <label>
                  {progress.label}: {count(progress.done)} of {count(progress.total)}
                  <progress max={progress.total} value={progress.done} />
                </label>
              </div>
            )}
          </div>
          {preview && <OutcomeCard title="Dry run: what the import would do" outcome={preview} testId="dry-run" />}
          {result && (
            <OutcomeCard title="Imported" outcome={result} testId="import-result">
              <p>
                See it in the <Link to="/activity">activity feed</Link> or open <Link to={`/lists/${settings.listId}`}>the list</Link>.
              </p>
            </OutcomeCard>
          )}
        </>
      )}
    </section>
  );
}
