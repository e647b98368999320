import { useState, type FormEvent } from 'react';
import type { ProspectChanges, ProspectDetail } from '../../api-types.js';
import { useMutation } from '../../hooks/use-mutation.js';
import { useI18n } from '../../i18n/index.js';
import { ErrorNote } from '../../ui.js';

/** The profile fields the page edits, where each sits in the profile, and its name in the catalogue (prospect.editForm.fields). */
const FIELDS = [
  { key: 'firstName', word: 'firstName', max: 200 },
  { key: 'lastName', word: 'lastName', max: 200 },
  { key: 'occupation', word: 'occupation', max: 500 },
  { key: 'email', word: 'email', max: 320, type: 'email' },
  { key: 'region', word: 'region', max: 200 },
  { key: 'company.name', word: 'companyName', max: 200 },
  { key: 'company.website', word: 'companyWebsite', max: 500 },
] as const;

type FieldKey = (typeof FIELDS)[number]['key'];

function valueOf(profile: Record<string, unknown>, key: FieldKey): string {
  const [head, tail] = key.split('.') as [string, string | undefined];
  const value = tail ? (profile[head] as Record<string, unknown> | null | undefined)?.[tail] : profile[head];
  return typeof value === 'string' ? value : '';
}

/** The PATCH body for what changed: non-empty values only (the API fills or replaces, never clears). */
function changesOf(before: Record<string, string>, after: Record<string, string>, variables: { label: string; value: string }[], original: ProspectDetail['customVariables']): ProspectChanges {
  const profile: Record<string, unknown> = {};
  const company: Record<string, string> = {};
  for (const { key } of FIELDS) {
    const value = after[key]!.trim();
    if (value === '' || value === before[key]) continue;
    if (key.startsWith('company.')) company[key.slice('company.'.length)] = value;
    else profile[key] = value;
  }
  if (Object.keys(company).length > 0) profile.company = company;
  const known = new Map(original.map((v) => [v.label, v.value ?? '']));
  const customVariables = variables
    .map((v) => ({ label: v.label.trim(), value: v.value.trim() }))
    .filter((v) => v.label !== '' && v.value !== '' && known.get(v.label) !== v.value);
  return {
    ...(Object.keys(profile).length > 0 ? { profile: profile as ProspectChanges['profile'] } : {}),
    ...(customVariables.length > 0 ? { customVariables } : {}),
    overwrite: true,
  };
}

/**
 * The prospect's profile fields and custom variables, edited in place (PATCH /v1/prospects/:id with
 * overwrite: docs/v1.md#prospects). A value emptied here keeps its stored value: the API only fills
 * or replaces, and the form says so.
 */
export function EditProfile({ prospect, onDone }: { prospect: ProspectDetail; onDone: () => void }) {
  const { t } = useI18n();
  const T = t.prospect.editForm;
  const before = Object.fromEntries(FIELDS.map(({ key }) => [key, valueOf(prospect.profile, key)]));
  const [values, setValues] = useState<Record<string, string>>(before);
  const [variables, setVariables] = useState(() => [...prospect.customVariables.map((v) => ({ label: v.label, value: v.value ?? '' })), { label: '', value: '' }]);
  const mutation = useMutation();
  const emptied = FIELDS.filter(({ key }) => before[key] !== '' && values[key]!.trim() === '').map((f) => T.fields[f.word]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = changesOf(before, values, variables, prospect.customVariables);
    if (!body.profile && !body.customVariables) return onDone();
    if ((await mutation.send(`/v1/prospects/${prospect.id}`, { method: 'PATCH', body })).ok) onDone();
  };
  const setVariable = (index: number, part: 'label' | 'value', text: string) =>
    setVariables((all) => {
      const next = all.map((v, i) => (i === index ? { ...v, [part]: text } : v));
      return next.at(-1)!.label !== '' ? [...next, { label: '', value: '' }] : next;
    });

  return (
    <form className="card edit-profile" onSubmit={save} aria-labelledby="edit-profile-title">
      <h2 id="edit-profile-title">{t.prospect.edit}</h2>
      <div className="field-grid">
        {FIELDS.map((field) => (
          <label key={field.key}>
            {T.fields[field.word]}
            <input
              name={field.key}
              type={'type' in field ? field.type : 'text'}
              maxLength={field.max}
              value={values[field.key]}
              onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}
              autoFocus={field.key === 'firstName'}
            />
          </label>
        ))}
      </div>
      <fieldset className="variables">
        <legend>{t.prospect.customVariables}</legend>
        {variables.map((v, i) => {
          const known = i < prospect.customVariables.length;
          return (
            <div key={i} className="variable-row">
              <label>
                {known ? <span className="sr-only">{T.variableName(String(i + 1))}</span> : T.newVariableName}
                <input value={v.label} maxLength={100} readOnly={known} aria-readonly={known} onChange={(e) => setVariable(i, 'label', e.target.value)} />
              </label>
              <label>
                {known ? T.variableValue(v.label) : T.newVariableValue}
                <input value={v.value} maxLength={1000} onChange={(e) => setVariable(i, 'value', e.target.value)} />
              </label>
            </div>
          );
        })}
      </fieldset>
      {emptied.length > 0 && (
        <p className="muted small" role="status">
          {T.emptied(emptied.join(', '))}
        </p>
      )}
      <ErrorNote error={mutation.error} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={mutation.busy}>
          {T.save}
        </button>
      </div>
    </form>
  );
}
