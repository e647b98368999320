import type { ProspectInput } from '../../api-types.js';
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
  return (
    <div className="card">
      <h2>Columns</h2>
      <div className="mapping">
        {FIELDS.map((field) => (
          <label key={field.key}>
            {field.label}
            {field.key === 'url' ? ' (required)' : ''}
            <select value={mapping[field.key]} onChange={(e) => onMapping({ ...mapping, [field.key]: Number(e.target.value) })}>
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
        <input type="checkbox" checked={variables} onChange={(e) => onVariables(e.target.checked)} /> Import the other columns as custom variables
      </label>
      <h3>First rows as they will be sent</h3>
      <DataTable columns={['LinkedIn URL', 'Profile', 'Custom variables']} testId="csv-preview">
        {prospects.slice(0, 5).map((p, i) => (
          <tr key={i}>
            <td className="url">{p.url || <span className="error">missing</span>}</td>
            <td>{describeProfile(p)}</td>
            <td>{(p.customVariables ?? []).map((v) => `${v.label}: ${v.value ?? ''}`).join(' · ')}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
