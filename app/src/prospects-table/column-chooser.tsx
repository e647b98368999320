import { useI18n } from '../i18n/index.js';
import { BUILT_IN_COLUMNS, DEFAULT_COLUMNS, columnLabel, moveColumn, toggleColumn, variableColumn, type TableChoices } from './columns.js';

interface ChooserProps {
  choices: TableChoices;
  /** Labels of the custom variables the rows shown carry (and those already chosen). */
  variables: readonly string[];
  onChange: (choices: TableChoices) => void;
}

/** Show, hide and order the table's columns, custom variables included. */
export function ColumnChooser({ choices, variables, onChange }: ChooserProps) {
  const { t } = useI18n();
  const T = t.prospectsTable.chooser;
  const setColumns = (columns: string[]) => onChange({ ...choices, columns });
  const shown = choices.columns;
  const hidden = [...BUILT_IN_COLUMNS, ...variables.map(variableColumn)].filter((c) => !shown.includes(c));
  return (
    <details className="column-chooser">
      <summary>{T.choose}</summary>
      <div className="column-chooser-panel" role="group" aria-label={T.choose}>
        <ul>
          {[...shown, ...hidden].map((column) => {
            const label = columnLabel(column, t.prospectsTable.columns);
            const at = shown.indexOf(column);
            return (
              <li key={column}>
                <label>
                  <input type="checkbox" checked={at >= 0} onChange={() => setColumns(toggleColumn(shown, column))} aria-label={T.show(label)} />
                  {column.startsWith('var:') ? <em>{label}</em> : label}
                </label>
                {at >= 0 && (
                  <span className="column-order">
                    <button type="button" aria-label={T.up(label)} disabled={at === 0} onClick={() => setColumns(moveColumn(shown, column, -1))}>
                      ↑
                    </button>
                    <button type="button" aria-label={T.down(label)} disabled={at === shown.length - 1} onClick={() => setColumns(moveColumn(shown, column, 1))}>
                      ↓
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        {variables.length === 0 && <p className="muted">{T.noVariables}</p>}
        <button type="button" onClick={() => setColumns([...DEFAULT_COLUMNS])}>
          {T.reset}
        </button>
      </div>
    </details>
  );
}
