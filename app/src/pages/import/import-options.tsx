import type { Campaign, ImportJobOptions, List } from '../../api-types.js';

type FlagName = 'moveDuplicatesToOtherList' | 'canCreateDuplicates' | 'shouldOverwriteCustomProfileData' | 'addExistingProspectInCampaign';
export type Flags = Required<Pick<ImportJobOptions, FlagName>>;

export interface ImportSettings {
  /** '' until the user chooses: no list is taken silently. */
  listId: string;
  /** '' for no campaign. */
  campaignId: string;
  flags: Flags;
}

export const NO_FLAGS: Flags = { canCreateDuplicates: false, moveDuplicatesToOtherList: false, shouldOverwriteCustomProfileData: false, addExistingProspectInCampaign: false };

const FLAG_LABELS: [FlagName, string][] = [
  ['moveDuplicatesToOtherList', 'Move prospects already in another list into this one'],
  ['canCreateDuplicates', 'Create a copy of prospects already in another list (needs the import_duplicates permission)'],
  ['shouldOverwriteCustomProfileData', 'Overwrite existing profile data (otherwise only empty fields are filled)'],
  ['addExistingProspectInCampaign', 'Also enrol prospects that were already in your CRM'],
];

/** The options part of an import job (POST /v1/imports) with these settings; the feed labels it CSV. */
export function jobOptions(settings: ImportSettings, mapping: ImportJobOptions['mapping'], dryRun: boolean): ImportJobOptions {
  return { prospectListId: settings.listId, origin: { name: 'CSV' }, ...(settings.campaignId ? { campaignId: settings.campaignId } : {}), ...settings.flags, dryRun, mapping };
}

/** Into which list, which campaign, and the import's options. */
export function ImportOptions({ lists, campaigns, settings, onChange }: { lists: List[]; campaigns: Campaign[]; settings: ImportSettings; onChange: (settings: ImportSettings) => void }) {
  const usable = campaigns.filter((c) => c.state === 'running' || c.state === 'paused');
  return (
    <>
      <h2>Options</h2>
      <div className="mapping">
        <label>
          Into list
          <select value={settings.listId} onChange={(e) => onChange({ ...settings, listId: e.target.value })} required>
            <option value="">{lists.length === 0 ? 'create a list first' : '— choose a list —'}</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Enrol in campaign
          <select value={settings.campaignId} onChange={(e) => onChange({ ...settings, campaignId: e.target.value })}>
            <option value="">no campaign</option>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {FLAG_LABELS.map(([name, label]) => (
        <label className="check" key={name}>
          <input type="checkbox" checked={settings.flags[name]} onChange={(e) => onChange({ ...settings, flags: { ...settings.flags, [name]: e.target.checked } })} /> {label}
        </label>
      ))}
    </>
  );
}
