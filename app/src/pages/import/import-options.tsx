import type { Campaign, ImportJobOptions, List } from '../../api-types.js';
import { useI18n } from '../../i18n/index.js';

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

/** The flags in the screen's order; their words are in the catalogue (importPage.flags). */
const FLAG_NAMES: FlagName[] = ['moveDuplicatesToOtherList', 'canCreateDuplicates', 'shouldOverwriteCustomProfileData', 'addExistingProspectInCampaign'];

/** The options part of an import job (POST /v1/imports) with these settings; the feed labels it CSV. */
export function jobOptions(settings: ImportSettings, mapping: ImportJobOptions['mapping'], dryRun: boolean): ImportJobOptions {
  return { prospectListId: settings.listId, origin: { name: 'CSV' }, ...(settings.campaignId ? { campaignId: settings.campaignId } : {}), ...settings.flags, dryRun, mapping };
}

/** Into which list, which campaign, and the import's options. */
export function ImportOptions({ lists, campaigns, settings, onChange }: { lists: List[]; campaigns: Campaign[]; settings: ImportSettings; onChange: (settings: ImportSettings) => void }) {
  const { t } = useI18n();
  const T = t.importPage;
  const usable = campaigns.filter((c) => c.state === 'running' || c.state === 'paused');
  return (
    <>
      <h2>{T.options}</h2>
      <div className="mapping">
        <label>
          {T.intoList}
          <select value={settings.listId} onChange={(e) => onChange({ ...settings, listId: e.target.value })} required>
            <option value="">{lists.length === 0 ? T.createListFirst : T.chooseList}</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {T.campaign}
          <select value={settings.campaignId} onChange={(e) => onChange({ ...settings, campaignId: e.target.value })}>
            <option value="">{T.noCampaign}</option>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {FLAG_NAMES.map((name) => (
        <label className="check" key={name}>
          <input type="checkbox" checked={settings.flags[name]} onChange={(e) => onChange({ ...settings, flags: { ...settings.flags, [name]: e.target.checked } })} /> {T.flags[name]}
        </label>
      ))}
    </>
  );
}
