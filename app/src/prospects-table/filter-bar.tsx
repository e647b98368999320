import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ActivityItem, Campaign, List, TagItem } from '../api-types.js';
import { count, when } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { activeFilterCount, dayEndBound, dayOfEndBound, dayOfStartBound, dayStartBound, type TableFilter } from './filters.js';

interface FilterBarProps {
  filter: TableFilter;
  /** On a list's page the list is fixed: no list filter is offered. */
  fixedList: boolean;
  lists: List[];
  campaigns: Campaign[];
  imports: ActivityItem[];
  /** The tags in use (GET /v1/tags). */
  tags: TagItem[];
  onApply: (filter: TableFilter) => void;
}

/** The form's fields: text as typed, the way the inputs hold it. */
type Draft = Record<'q' | 'listId' | 'origin' | 'importId' | 'campaignId' | 'enrolment' | 'hasEmail' | 'addedFrom' | 'addedTo' | 'company' | 'variable' | 'variableValue' | 'tag', string>;

function draftOf(filter: TableFilter): Draft {
  return {
    q: filter.q ?? '',
    listId: filter.listId ?? '',
    origin: filter.origin ?? '',
    importId: filter.importId ?? '',
    campaignId: filter.campaignId ?? '',
    enrolment: filter.enrolment ?? '',
    hasEmail: filter.hasEmail === undefined ? '' : String(filter.hasEmail),
    addedFrom: dayOfStartBound(filter.createdAfter),
    addedTo: dayOfEndBound(filter.createdBefore),
    company: filter.company ?? '',
    variable: filter.variable ?? '',
    variableValue: filter.variableValue ?? '',
    tag: filter.tag ?? '',
  };
}

function filterOf(draft: Draft, base: TableFilter): TableFilter {
  const text = (value: string) => value.trim() || undefined;
  const filter: TableFilter = {
    q: text(draft.q),
    listId: text(draft.listId),
    origin: text(draft.origin),
    importId: text(draft.importId),
    campaignId: text(draft.campaignId),
    enrolment: draft.enrolment === 'active' || draft.enrolment === 'ended' || draft.enrolment === 'none' ? draft.enrolment : undefined,
    hasEmail: draft.hasEmail === '' ? undefined : draft.hasEmail === 'true',
    createdAfter: dayStartBound(draft.addedFrom),
    createdBefore: dayEndBound(draft.addedTo),
    company: text(draft.company),
    variable: text(draft.variable),
    variableValue: text(draft.variable) ? text(draft.variableValue) : undefined,
    tag: text(draft.tag),
    // Filters this form does not show (set through the API or a saved view) are kept.
    updatedAfter: base.updatedAfter,
    updatedBefore: base.updatedBefore,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as TableFilter;
}

/** A label beside its control (not around it: a select inside its label adds its value to the name). */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** The search and the filters of the prospect table: applied together, shown in the URL. */
export function FilterBar({ filter, fixedList, lists, campaigns, imports, tags, onApply }: FilterBarProps) {
  const { t } = useI18n();
  const T = t.prospectsTable.filters;
  const [draft, setDraft] = useState(() => draftOf(filter));
  const [open, setOpen] = useState(() => activeFilterCount(filter) > 0);
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...filterOf(draft, filter), ...(fixedList && filter.listId ? { listId: filter.listId } : {}) });
  };
  const clear = () => {
    const cleared = fixedList && filter.listId ? { listId: filter.listId } : {};
    setDraft(draftOf(cleared));
    onApply(cleared);
  };
  const enrolmentStates = draft.campaignId ? T.enrolmentStatesInCampaign : T.enrolmentStates;
  const active = activeFilterCount(filter);
  // A tag of the URL that no prospect carries any more is still shown as chosen.
  const tagNames = tags.map((tag) => tag.name);
  if (draft.tag && !tagNames.some((name) => name.toLowerCase() === draft.tag.toLowerCase())) tagNames.unshift(draft.tag);

  return (
    <form className="toolbar prospect-filters" role="search" onSubmit={submit}>
      <label>
        <span className="sr-only">{T.search}</span>
        <input type="search" placeholder={T.searchPlaceholder} value={draft.q} onChange={set('q')} />
      </label>
      <button type="submit" className="primary">
        {T.submit}
      </button>
      <button type="button" aria-expanded={open} aria-controls="prospect-filter-fields" onClick={() => setOpen(!open)}>
        {T.active(count(active), active)}
      </button>
      {active > 0 && (
        <button type="button" onClick={clear}>
          {T.clear}
        </button>
      )}
      <fieldset id="prospect-filter-fields" className="filter-fields" hidden={!open}>
        <legend className="sr-only">{T.filters}</legend>
        {!fixedList && (
          <Field label={T.list}>
            {(id) => (
              <select id={id} value={draft.listId} onChange={set('listId')}>
                <option value="">{T.anyList}</option>
                {lists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={T.origin}>
          {(id) => (
            <>
              <input id={id} value={draft.origin} onChange={set('origin')} placeholder={T.originPlaceholder} list="prospect-origins" />
              <datalist id="prospect-origins">
                {[...new Set(imports.map((i) => i.origin))].map((origin) => (
                  <option key={origin} value={origin} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={T.importId}>
          {(id) => (
            <select id={id} value={draft.importId} onChange={set('importId')}>
              <option value="">{T.anyImport}</option>
              {imports.map((i) => (
                <option key={i.id} value={i.id}>
                  {`${when(i.createdAt)} · ${i.originLabel} · ${count(i.prospectCount)}${i.list ? ` → ${i.list.name}` : ''}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={T.campaign}>
          {(id) => (
            <select id={id} value={draft.campaignId} onChange={set('campaignId')}>
              <option value="">{T.anyCampaign}</option>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={T.enrolment}>
          {(id) => (
            <select id={id} value={draft.enrolment} onChange={set('enrolment')}>
              {Object.entries(enrolmentStates).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={T.tag}>
          {(id) => (
            <select id={id} value={tagNames.find((name) => name.toLowerCase() === draft.tag.toLowerCase()) ?? ''} onChange={set('tag')}>
              <option value="">{T.anyTag}</option>
              {tagNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={T.hasEmail}>
          {(id) => (
            <select id={id} value={draft.hasEmail} onChange={set('hasEmail')}>
              {Object.entries(T.hasEmailStates).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={T.addedFrom}>{(id) => <input id={id} type="date" value={draft.addedFrom} onChange={set('addedFrom')} />}</Field>
        <Field label={T.addedTo}>{(id) => <input id={id} type="date" value={draft.addedTo} onChange={set('addedTo')} />}</Field>
        <Field label={T.company}>{(id) => <input id={id} value={draft.company} onChange={set('company')} />}</Field>
        <Field label={T.variable}>{(id) => <input id={id} value={draft.variable} onChange={set('variable')} placeholder={T.variablePlaceholder} />}</Field>
        <Field label={T.variableValue}>
          {(id) => <input id={id} value={draft.variableValue} onChange={set('variableValue')} placeholder={T.variableValuePlaceholder} disabled={!draft.variable.trim()} />}
        </Field>
      </fieldset>
    </form>
  );
}
