import { useEffect, useMemo, useRef, useState } from 'react';
import { apiEvery } from '../api.js';
import type { Campaign, ImportJob, JobUndoAnswer, List } from '../api-types.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { count } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { guessMapping, jobMapping, toProspects, type Mapping } from '../import/csv-mapping.js';
import { readCsvHead, type CsvHead } from '../import/csv-preview.js';
import { startImportJob, watchImportJob } from '../import/import-job.js';
import { Link } from '../router.js';
import { Confirm, ErrorNote } from '../ui.js';
import { ColumnMapping } from './import/column-mapping.js';
import { ImportOptions, jobOptions, NO_FLAGS, type ImportSettings } from './import/import-options.js';
import { JobCard } from './import/job-card.js';

/** The undo's counts, each written in the locale, in the catalogue's sentence. */
function undoCountsOf(sentence: (removed: string, movedBack: string, restored: string, unenrolled: string, kept: string) => string, c: JobUndoAnswer['counts']): string {
  return sentence(count(c.removed), count(c.movedBack), count(c.restored), count(c.unenrolled), count(c.notUndone));
}

interface PickedFile extends CsvHead {
  file: File;
}

/**
 * CSV import as an import job (docs/app.md#import): pick a file and a list, map its columns on a
 * preview of the first rows, dry run, then the whole file goes to the server, which imports it in
 * the background while the page shows its progress; then its counts, failed rows and undo.
 */
export function ImportPage() {
  const { t } = useI18n();
  const T = t.importPage;
  const lists = useResource((signal) => apiEvery<List>('/v1/lists', { signal }), []);
  const campaigns = useResource((signal) => apiEvery<Campaign>('/v1/campaigns', { signal }), []);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<Error | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [variables, setVariables] = useState(true);
  const [settings, setSettings] = useState<ImportSettings>({ listId: '', campaignId: '', flags: NO_FLAGS });
  const [dryJob, setDryJob] = useState<ImportJob | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [undoPreview, setUndoPreview] = useState<JobUndoAnswer | null>(null);
  const mutation = useMutation();
  const watching = useRef<AbortController | null>(null);
  useEffect(() => () => watching.current?.abort(), []);
  const prospects = useMemo(() => (picked && mapping ? toProspects(picked.headers, picked.rows.slice(0, 5), mapping, variables) : []), [picked, mapping, variables]);

  const read = async (file: File) => {
    setFileError(null);
    setDryJob(null);
    setJob(null);
    const head = await readCsvHead(file).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (head instanceof Error || head === null) {
      setPicked(null);
      return setFileError(head ?? new Error(T.noData));
    }
    setPicked({ ...head, file });
    setMapping(guessMapping(head.headers));
  };
  /** Any change of what would be sent makes the last dry run stale. */
  const stale = <V,>(set: (value: V) => void) => (value: V) => {
    set(value);
    watching.current?.abort();
    setDryJob(null);
  };

  const go = async (dryRun: boolean) => {
    if (!picked || !mapping) return;
    const show = dryRun ? setDryJob : setJob;
    setBusy(true);
    watching.current = new AbortController();
    const signal = watching.current.signal;
    await mutation.run(async () => {
      const started = await startImportJob(picked.file, jobOptions(settings, jobMapping(picked.headers, mapping, variables), dryRun));
      show(started);
      return watchImportJob(started, show, signal);
    });
    setBusy(false);
  };
  const askUndo = async (target: ImportJob) => {
    const preview = await mutation.send<JobUndoAnswer>(`/v1/imports/${target.id}/undo?dryRun=true`, { method: 'POST' });
    if (preview.ok) setUndoPreview(preview.answer);
  };
  const undo = async (target: ImportJob) => {
    setUndoPreview(null);
    const done = await mutation.send<JobUndoAnswer>(`/v1/imports/${target.id}/undo`, { method: 'POST' });
    if (done.ok) setJob({ ...target, state: 'reverted' });
  };
  const reset = () => {
    setPicked(null);
    setMapping(null);
    setDryJob(null);
    setJob(null);
  };

  const why = settings.listId === '' ? T.needList : mapping && mapping.url < 0 ? T.needUrl : null;
  const ready = why === null && !busy && mapping !== null;

  return (
    <section aria-labelledby="import-title">
      <div className="page-head">
        <h1 id="import-title">{T.title}</h1>
        <Link to="/imports">{T.allImports}</Link>
      </div>
      <div className="card">
        {/* A new key remounts the input once a job ended, so the same file can be picked again. */}
        <label>
          {T.fileLabel}
          <input key={picked ? 'picked' : 'empty'} type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
        </label>
        {picked && <p className="muted">{(picked.more ? T.fileSummaryHead : T.fileSummary)(picked.file.name, count(picked.rows.length), count(picked.headers.length))}</p>}
      </div>
      <ErrorNote error={fileError ?? mutation.error ?? lists.error ?? campaigns.error} />
      {picked && mapping && (
        <>
          {job === null && (
            <>
              <ColumnMapping headers={picked.headers} mapping={mapping} onMapping={stale(setMapping)} variables={variables} onVariables={stale(setVariables)} prospects={prospects} />
              <div className="card">
                <ImportOptions lists={lists.data ?? []} campaigns={campaigns.data ?? []} settings={settings} onChange={stale(setSettings)} />
                <div className="actions">
                  <button type="button" disabled={!ready} aria-describedby={why ? 'import-why' : undefined} onClick={() => void go(true)}>
                    {T.dryRun}
                  </button>
                  <button type="button" className="primary" disabled={!ready} aria-describedby={why ? 'import-why' : undefined} onClick={() => void go(false)}>
                    {T.importFile(picked.file.name)}
                  </button>
                </div>
                {why && (
                  <p id="import-why" className="muted" data-testid="import-why">
                    {why}
                  </p>
                )}
              </div>
            </>
          )}
          {dryJob && <JobCard job={dryJob} title={T.dryRunTitle} label={T.checking} testId="dry-run" />}
          {job && (
            <JobCard job={job} title={T.resultTitle[job.state]} label={T.importing} testId="import-result">
              {job.rows.failed > 0 && job.state !== 'running' && job.state !== 'queued' && (
                <p>
                  <a href={`/v1/imports/${job.id}/failed-rows.csv`} download>
                    {t.importJob.failedRows(count(job.rows.failed), job.rows.failed)}
                  </a>{' '}
                  {T.failedRowsHint}
                </p>
              )}
              {(job.state === 'completed' || job.state === 'completed_with_errors' || job.state === 'reverted') && (
                <p>
                  <Link to={`/imports/${job.id}`}>{T.openJob}</Link> · <Link to={`/lists/${job.listId}`}>{T.openList}</Link>
                </p>
              )}
              {job.state === 'reverted' && <p>{T.undone}</p>}
              {job.state !== 'running' && job.state !== 'queued' && (
                <div className="actions">
                  {(job.state === 'completed' || job.state === 'completed_with_errors' || job.state === 'failed' || job.state === 'canceled') && (
                    <button type="button" className="danger" onClick={() => void askUndo(job)}>
                      {T.undo}
                    </button>
                  )}
                  <button type="button" onClick={reset}>
                    {T.another}
                  </button>
                </div>
              )}
            </JobCard>
          )}
          {job && undoPreview && (
            <Confirm title={T.undoTitle} confirmLabel={T.undoConfirm} danger onConfirm={() => void undo(job)} onCancel={() => setUndoPreview(null)}>
              <p data-testid="undo-counts">{undoCountsOf(T.undoCounts, undoPreview.counts)}</p>
            </Confirm>
          )}
        </>
      )}
    </section>
  );
}
