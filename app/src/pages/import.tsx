import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, type Campaign, type ImportAnswer, type List } from '../api.js';
import { parseCsv } from '../csv.js';
import { count } from '../format.js';
import { Link } from '../router.js';
import { CodeCounts, DataTable, ErrorNote } from '../ui.js';

/** Chunks stay within the import's batch limit (contract §1: 1000). */
const CHUNK = 1000;

const FIELDS = [
  { key: 'url', label: 'LinkedIn URL', guess: /linkedin|profile|url/i },
  { key: 'firstName', label: 'First name', guess: /^first|prénom|prenom|given/i },
  { key: 'lastName', label: 'Last name', guess: /^last|surname|family|^nom$/i },
  { key: 'occupation', label: 'Occupation', guess: /occupation|title|job|position|headline/i },
  { key: 'email', label: 'Email', guess: /e-?mail/i },
  { key: 'company', label: 'Company', guess: /company|organi[sz]ation|entreprise|société/i },
  { key: 'region', label: 'Region', guess: /region|location|city|country/i },
] as const;
type FieldKey = (typeof FIELDS)[number]['key'];

interface Prospect {
  url: string;
  customProfile?: Record<string, unknown>;
  customVariables?: { label: string; value: string }[];
}

interface Outcome {
  importCodes: Record<string, number>;
  addToCampaignCodes: Record<string, number>;
  invalid: { row: number; url: string; reason: string }[];
}

function guessMapping(headers: string[]): Record<FieldKey, number> {
  const mapping = {} as Record<FieldKey, number>;
  const used = new Set<number>();
  for (const field of FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && field.guess.test(h));
    mapping[field.key] = index;
    if (index >= 0) used.add(index);
  }
  return mapping;
}

export function ImportPage() {
  const [lists, setLists] = useState<List[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [fileName, setFileName] = useState('');
  const [table, setTable] = useState<string[][] | null>(null);
  const [mapping, setMapping] = useState<Record<FieldKey, number> | null>(null);
  const [variables, setVariables] = useState(true);
  const [listId, setListId] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [flags, setFlags] = useState({ canCreateDuplicates: false, moveDuplicatesToOtherList: false, shouldOverwriteCustomProfileData: false, addExistingProspectInCampaign: false });
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [result, setResult] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<List[]>('/api/lists').then((l) => {
      setLists(l);
      setListId((current) => current || l[0]?.id || '');
    }, setError);
    api<Campaign[]>('/api/campaigns').then(setCampaigns, setError);
  }, []);

  const headers = useMemo(() => table?.[0] ?? [], [table]);
  const rows = useMemo(() => table?.slice(1) ?? [], [table]);

  const prospects = useMemo((): Prospect[] => {
    if (!mapping) return [];
    const mapped = new Set(Object.values(mapping).filter((i) => i >= 0));
    const cell = (row: string[], field: FieldKey) => (mapping[field] >= 0 ? (row[mapping[field]] ?? '').trim() : '');
    return rows.map((row) => {
      const profile: Record<string, unknown> = {};
      for (const f of ['firstName', 'lastName', 'occupation', 'email', 'region'] as const) if (cell(row, f)) profile[f] = cell(row, f);
      if (cell(row, 'company')) profile.company = { name: cell(row, 'company') };
      const prospect: Prospect = { url: cell(row, 'url') };
      if (Object.keys(profile).length > 0) prospect.customProfile = profile;
      if (variables) {
        const vars = headers.flatMap((h, i) => (!mapped.has(i) && h.trim() && (row[i] ?? '').trim() ? [{ label: h.trim().slice(0, 100), value: (row[i] ?? '').trim() }] : []));
        if (vars.length > 0) prospect.customVariables = vars.slice(0, 50);
      }
      return prospect;
    });
  }, [rows, headers, mapping, variables]);

  const read = async (file: File) => {
    setError(null);
    setPreview(null);
    setResult(null);
    const parsed = parseCsv(await file.text());
    if (parsed.length < 2) {
      setError(new Error('The file has no data rows: the first line must name the columns, the next ones hold one prospect each.'));
      return;
    }
    setFileName(file.name);
    setTable(parsed);
    setMapping(guessMapping(parsed[0]!));
  };

  /** Sends every chunk (dry run or for real); rows with a bad URL are reported and left out. */
  const run = async (dryRun: boolean): Promise<Outcome> => {
    const outcome: Outcome = { importCodes: {}, addToCampaignCodes: {}, invalid: [] };
    const total = prospects.length;
    setProgress({ label: dryRun ? 'Checking' : 'Importing', done: 0, total });
    for (let start = 0; start < total; start += CHUNK) {
      let batch = prospects.slice(start, start + CHUNK).map((p, i) => ({ p, row: start + i + 2 }));
      const empty = batch.filter((b) => !b.p.url);
      for (const b of empty) outcome.invalid.push({ row: b.row, url: '', reason: 'no LinkedIn URL in this row' });
      batch = batch.filter((b) => b.p.url);
      for (let attempt = 0; batch.length > 0 && attempt < 2; attempt++) {
        try {
          const answer = await api<ImportAnswer>(`/api/imports${dryRun ? '?dryRun=true' : ''}`, {
            body: { prospectListId: listId, ...(campaignId ? { campaignId } : {}), ...flags, prospects: batch.map((b) => b.p) },
          });
          for (const item of answer.result) {
            outcome.importCodes[item.importCode] = (outcome.importCodes[item.importCode] ?? 0) + 1;
            if (item.addToCampaignCode) outcome.addToCampaignCodes[item.addToCampaignCode] = (outcome.addToCampaignCodes[item.addToCampaignCode] ?? 0) + 1;
          }
          break;
        } catch (e) {
          const invalid = e instanceof ApiError && e.code === 'R000401-003' ? (e.problem.invalidUrls as { index: number; url: string; reason: string }[]) : null;
          if (!invalid || attempt > 0) throw e;
          const bad = new Set(invalid.map((u) => u.index));
          for (const u of invalid) outcome.invalid.push({ row: batch[u.index]!.row, url: u.url, reason: u.reason });
          batch = batch.filter((_, i) => !bad.has(i));
        }
      }
      setProgress({ label: dryRun ? 'Checking' : 'Importing', done: Math.min(start + CHUNK, total), total });
    }
    return outcome;
  };

  const go = async (dryRun: boolean) => {
    setError(null);
    try {
      const outcome = await run(dryRun);
      if (dryRun) setPreview(outcome);
      else setResult(outcome);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  const setFlag = (name: keyof typeof flags) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setFlags({ ...flags, [name]: e.target.checked });
    setPreview(null);
  };
  const usable = campaigns.filter((c) => c.state === 'running' || c.state === 'paused');

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
        {table && (
          <p className="muted">
            {fileName}: {count(rows.length)} rows, {headers.length} columns.
          </p>
        )}
      </div>
      <ErrorNote error={error} />
      {table && mapping && (
        <>
          <div className="card">
            <h2>Columns</h2>
            <div className="mapping">
              {FIELDS.map((field) => (
                <label key={field.key}>
                  {field.label}
                  {field.key === 'url' ? ' (required)' : ''}
                  <select
                    value={mapping[field.key]}
                    onChange={(e) => {
                      setMapping({ ...mapping, [field.key]: Number(e.target.value) });
                      setPreview(null);
                    }}
                  >
                    <option value={-1}>— not imported —</option>
                    {headers.map((h, i) => (
                      <option key={i} value={i}>
                        {h || `column ${i + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            <label className="check">
              <input type="checkbox" checked={variables} onChange={(e) => setVariables(e.target.checked)} /> Import the other columns as custom variables
            </label>
            <h3>First rows as they will be sent</h3>
            <DataTable columns={['LinkedIn URL', 'Profile', 'Custom variables']} testId="csv-preview">
              {prospects.slice(0, 5).map((p, i) => (
                <tr key={i}>
                  <td className="url">{p.url || <span className="error">missing</span>}</td>
                  <td>
                    {Object.entries(p.customProfile ?? {})
                      .map(([k, v]) => `${k}: ${typeof v === 'object' ? (v as { name: string }).name : String(v)}`)
                      .join(' · ')}
                  </td>
                  <td>{(p.customVariables ?? []).map((v) => `${v.label}: ${v.value}`).join(' · ')}</td>
                </tr>
              ))}
            </DataTable>
          </div>
          <div className="card">
            <h2>Options</h2>
            <div className="mapping">
              <label>
                Into list
                <select value={listId} onChange={(e) => setListId(e.target.value)} required>
                  {lists.length === 0 && <option value="">create a list first</option>}
                  {lists.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Enrol in campaign
                <select value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
                  <option value="">no campaign</option>
                  {usable.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="check">
              <input type="checkbox" checked={flags.moveDuplicatesToOtherList} onChange={setFlag('moveDuplicatesToOtherList')} /> Move prospects already in another list into this one
            </label>
            <label className="check">
              <input type="checkbox" checked={flags.canCreateDuplicates} onChange={setFlag('canCreateDuplicates')} /> Create a copy of prospects already in another list (needs the
              import_duplicates permission)
            </label>
            <label className="check">
              <input type="checkbox" checked={flags.shouldOverwriteCustomProfileData} onChange={setFlag('shouldOverwriteCustomProfileData')} /> Overwrite existing profile data
              (otherwise only empty fields are filled)
            </label>
            <label className="check">
              <input type="checkbox" checked={flags.addExistingProspectInCampaign} onChange={setFlag('addExistingProspectInCampaign')} /> Also enrol prospects that were already in
              your CRM
            </label>
            <div className="actions">
              <button type="button" disabled={!listId || progress !== null || mapping.url < 0} onClick={() => void go(true)}>
                Preview outcome (dry run)
              </button>
              <button type="button" className="primary" disabled={!listId || progress !== null || mapping.url < 0} onClick={() => void go(false)}>
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
                See it in the <Link to="/activity">activity feed</Link> or open <Link to={`/lists/${listId}`}>the list</Link>.
              </p>
            </OutcomeCard>
          )}
        </>
      )}
    </section>
  );
}

function OutcomeCard({ title, outcome, testId, children }: { title: string; outcome: Outcome; testId: string; children?: React.ReactNode }) {
  return (
    <div className="card" data-testid={testId} role="status">
      <h2>{title}</h2>
      <p>
        Import codes: <CodeCounts counts={outcome.importCodes} />
      </p>
      {Object.keys(outcome.addToCampaignCodes).length > 0 && (
        <p>
          Campaign codes: <CodeCounts counts={outcome.addToCampaignCodes} />
        </p>
      )}
      {outcome.invalid.length > 0 && (
        <details>
          <summary>{count(outcome.invalid.length)} rows left out (not LinkedIn profile URLs)</summary>
          <ul>
            {outcome.invalid.slice(0, 100).map((u) => (
              <li key={u.row}>
                row {u.row}: {u.url || '(empty)'} — {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {children}
    </div>
  );
}
