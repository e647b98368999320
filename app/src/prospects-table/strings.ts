// Every text the prospect table shows, grouped, so a translation catalogue can take them over whole.
// Functions build the sentences that carry numbers or names.

import { count } from '../format.js';

const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;
export const prospects = (n: number) => plural(n, 'prospect', 'prospects');

export const FILTER_TEXT = {
  search: 'Search name, company, LinkedIn URL',
  searchPlaceholder: 'Search name, company, LinkedIn URL…',
  submit: 'Search',
  filters: 'Filters',
  clear: 'Clear filters',
  list: 'List',
  anyList: 'Any list',
  origin: 'Origin',
  originPlaceholder: 'e.g. n8n, CSV',
  importId: 'Import',
  anyImport: 'Any import',
  campaign: 'Campaign',
  anyCampaign: 'Any campaign',
  enrolment: 'Enrolment',
  enrolmentStates: { '': 'Any', active: 'In a campaign now', ended: 'Left a campaign', none: 'In no campaign now' },
  enrolmentStatesInCampaign: { '': 'Enrolled now or before', active: 'Travelling it now', ended: 'Left it', none: 'Never enrolled in it' },
  hasEmail: 'E-mail',
  hasEmailStates: { '': 'Any', true: 'With an e-mail', false: 'Without an e-mail' },
  addedFrom: 'Added from',
  addedTo: 'Added until',
  company: 'Company contains',
  variable: 'Custom variable',
  variablePlaceholder: 'label, e.g. source',
  variableValue: 'Its value is',
  variableValuePlaceholder: 'any value',
  tag: 'Tag',
  anyTag: 'Any tag',
  active: (n: number) => (n === 0 ? 'Filters' : `Filters (${n})`),
};

export const TOTAL_TEXT = {
  counting: 'Counting…',
  all: (n: number) => prospects(n),
  matchingQuery: (n: number, q: string) => `${count(n)} matching “${q}”`,
  matching: (n: number) => `${count(n)} matching the filters`,
};

export const TABLE_TEXT = {
  caption: (where: string) => `Prospects of ${where}`,
  selectPage: 'Select all on this page',
  selectRow: (name: string) => `Select ${name}`,
  none: '—',
  emptyTitle: 'Nothing matches',
  emptyFiltered: 'No prospect matches these filters. Clear some of them, or try a shorter search.',
  listEmptyTitle: 'This list is empty',
  crmEmptyTitle: 'No prospects yet',
  exportAll: 'Export CSV',
  allProspects: 'All prospects',
  exportAllTitle: 'Every prospect that matches, as a CSV file',
};

export const COLUMN_TEXT = {
  choose: 'Columns',
  show: (label: string) => `Show ${label}`,
  up: (label: string) => `Move ${label} up`,
  down: (label: string) => `Move ${label} down`,
  variables: 'Custom variables',
  noVariables: 'No custom variable on this page.',
  pageSize: 'Rows per page',
  reset: 'Default columns',
};

export const PAGER_TEXT = {
  label: 'Pages',
  previous: '← Previous',
  next: 'Next →',
  page: (n: number, of: number | undefined) => (of === undefined ? `Page ${count(n)}` : `Page ${count(n)} of ${count(of)}`),
  jump: 'Go to page',
  go: 'Go',
  tooDeep: (max: number) => `Pages beyond ${count(max)} cannot be opened directly: narrow the filters, or use Next.`,
};

export const BULK_TEXT = {
  region: 'Selected prospects',
  selected: (n: number) => `${count(n)} selected`,
  allOnPage: (n: number) => `All ${count(n)} on this page are selected.`,
  selectAllMatching: (n: number | undefined) => (n === undefined ? 'Select all that match' : `Select all ${count(n)} that match`),
  allMatching: (n: number | undefined) => (n === undefined ? 'All prospects that match are selected.' : `All ${count(n)} prospects that match are selected.`),
  clear: 'Clear selection',
  moveTo: 'Move to',
  chooseList: 'choose a list',
  move: 'Move…',
  enrolIn: 'Enrol in',
  chooseCampaign: 'choose a campaign',
  enrol: 'Enrol…',
  export: 'Export the selection (CSV)',
  delete: 'Delete…',
  counting: 'Counting the prospects that match…',
  confirmMove: (n: number, list: string) => `Move ${prospects(n)} to “${list}”?`,
  confirmEnrol: (n: number, campaign: string) => `Enrol ${prospects(n)} in “${campaign}”?`,
  confirmDelete: (n: number) => `Delete ${prospects(n)}?`,
  moveBody: 'A person already in that list stays where they are.',
  enrolBody: 'A prospect can travel one campaign at a time: those already in one are left there.',
  deleteBody: 'They leave your CRM with their campaign enrolments. This cannot be undone.',
  confirmMoveLabel: 'Move',
  confirmEnrolLabel: 'Enrol',
  confirmDeleteLabel: 'Delete',
  campaignState: (name: string, state: string) => `${name} (${state})`,
  tag: 'Tag…',
  untag: 'Untag…',
  tagTitle: (n: number) => `Tag ${prospects(n)}`,
  untagTitle: (n: number) => `Remove a tag from ${prospects(n)}`,
  tagName: 'Tag name',
  tagBody: 'Those that already carry it keep it once. Tags ignore case: “VIP” and “vip” are one tag.',
  untagBody: 'Those that do not carry it stay as they are.',
  tagConfirm: 'Tag',
  untagConfirm: 'Untag',
  cancel: 'Cancel',
};

export const VIEW_TEXT = {
  label: 'Saved view',
  none: 'No saved view',
  save: 'Save as view…',
  update: 'Save changes to view',
  rename: 'Rename view…',
  delete: 'Delete view…',
  nameLabel: 'View name',
  saveTitle: 'Save these filters and columns as a view',
  renameTitle: 'Rename the view',
  saveConfirm: 'Save view',
  renameConfirm: 'Rename',
  cancel: 'Cancel',
  deleteTitle: (name: string) => `Delete the view “${name}”?`,
  deleteBody: 'Only the view goes; its prospects stay.',
  deleteConfirm: 'Delete view',
  saved: (name: string) => `View “${name}” saved.`,
  updated: (name: string) => `View “${name}” updated.`,
  deleted: (name: string) => `View “${name}” deleted.`,
};
