// What the activity pages show for the API's codes: words, with the code itself in a tooltip
// (docs/app.md#activity). Kept free of React so it reads as a table.

const IMPORT_WORDS: Record<string, string> = {
  success: 'Imported',
  duplicated_prospect: 'Already in your CRM',
  prospect_successfully_moved_to_another_list: 'Moved to this list',
  failed_to_change_prospect_list: 'Could not be moved',
  max_limit_crm: 'CRM limit reached',
  custom_variable_exceeds_1000_chars: 'A variable is too long',
  profile_deleted: 'Erased at your request',
  server_error: 'Server error',
  unknown_error: 'Unknown error',
};

const CAMPAIGN_WORDS: Record<string, string> = {
  success: 'Enrolled',
  already_in_campaign: 'Already in a campaign',
  cant_add_prospect_campaign_not_exist: 'Campaign not found',
  cant_add_prospect_campaign_is_archived: 'Campaign archived',
  prospect_does_not_match_preconditions: "Does not meet the campaign's conditions",
  unknown_error: 'Unknown error',
};

const CHANGE_WORDS: Record<string, string> = {
  created: 'Added by the import',
  moved: 'Moved by the import',
  updated: 'Data changed by the import',
  enrolled: 'Enrolled by the import',
};

const REASON_WORDS: Record<string, string> = {
  prospect_deleted: 'Deleted since',
  prospect_changed: 'Changed since',
  enrolled_since: 'Enrolled in a campaign since',
  list_deleted: 'Its former list was deleted',
  already_in_list: 'Its former list holds this profile again',
  enrolment_removed: 'Enrolment removed since',
  enrolment_changed: 'Enrolment ended or moved on since',
};

/** A code the table does not know yet reads as itself, turned into words. */
const fallback = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const importWords = (code: string) => IMPORT_WORDS[code] ?? fallback(code);
export const campaignWords = (code: string) => CAMPAIGN_WORDS[code] ?? fallback(code);
export const changeWords = (code: string) => CHANGE_WORDS[code] ?? fallback(code);
export const reasonWords = (code: string) => REASON_WORDS[code] ?? fallback(code);
