import type { AddToCampaignCode, ImportCode } from '../schemas/import.js';

/**
 * The import's codes in people's words, for texts the web app shows (a prospect's history): the code
 * itself travels beside the text for a tooltip, never in it.
 */
export const IMPORT_CODE_WORDS: Record<ImportCode, string> = {
  success: 'Imported',
  duplicated_prospect: 'Imported again (already there)',
  prospect_successfully_moved_to_another_list: 'Moved by an import',
  failed_to_change_prospect_list: 'An import could not move it',
  max_limit_crm: 'Refused by an import: the CRM was full',
  custom_variable_exceeds_1000_chars: 'Refused by an import: a custom variable was over 1,000 characters',
  profile_deleted: 'Refused by an import: the person was erased',
  server_error: 'An import failed on the server',
  unknown_error: 'An import failed',
};

export const CAMPAIGN_CODE_WORDS: Record<AddToCampaignCode, string> = {
  success: 'enrolled in the campaign',
  already_in_campaign: 'not enrolled: already in a campaign',
  cant_add_prospect_campaign_not_exist: 'not enrolled: the campaign does not exist',
  cant_add_prospect_campaign_is_archived: 'not enrolled: the campaign is archived',
  prospect_does_not_match_preconditions: "not enrolled: the campaign's conditions are not met",
  unknown_error: 'not enrolled: an error occurred',
};
