import type { ProspectInput } from '../../api-types.js';
import { useI18n } from '../../i18n/index.js';
import { describeProfile, FIELDS, type Mapping } from '../../import/csv-mapping.js';
import { DataTable } from '../../ui.js';

interface MappingProps {
  headers: string[];
  mapping: Mapping;
  onMapping: (mapping: Mapping) => void;
  variables: boolean;
  onVariables: (variables: boolean) => void;
  /** The prospects as they will be sent, for the preview of the first rows. */
  prospects: ProspectInput[];
}

/** Which column feeds which field, and the first rows as they will be sent. */
export function ColumnMapping({ headers, mapping, onMapping, variables, onVariables, prospects }: MappingProps) {
  const { t } = useI18n();
  const T = t.importPage;
  return (
    <div className="card">
      <h2>{T.columns}</h2>
      <div className="mapping">
        {FIELDS.map((field) => (
          <label key={field.key}>
            {T.fields[field.key]}
            {field.key === 'url' ? T.required : ''}
            <select value={mapping[field.key]} onChange={(e) => onMapping({ ...mapping, [field.key]: Number(e.target.value) })}>
              <option value={-1}>{T.notImported}</option>
              {headers.map((h, i) => (
                <option key={i} value={i}>
                  {h || T.column(String(i + 1))}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <label className="check">
        <input type="checkbox" checked={variables} onChange={(e) => onVariables(e.target.checked)} /> {T.variables}
      </label>
      <h3>{T.firstRows}</h3>
      <DataTable columns={[T.previewColumns.url, T.previewColumns.profile, T.previewColumns.variables]} testId="csv-preview">
        {prospects.slice(0, 5).map((p, i) => (
          <tr key={i}>
            <td className="url">{p.url || <span className="error">{T.missing}</span>}</td>
            <td>{describeProfile(p)}</td>
            <td>{(p.customVariables ?? []).map((v) => `${v.label}: ${v.value ?? ''}`).join(' · ')}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
