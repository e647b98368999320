export function when(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function day(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "success" → "success", "prospect_successfully_moved_to_another_list" → "moved" etc., for tight columns. */
const SHORT: Record<string, string> = {
  success: 'created',
  duplicated_prospect: 'duplicate',
  prospect_successfully_moved_to_another_list: 'moved',
  failed_to_change_prospect_list: 'move failed',
  max_limit_crm: 'CRM full',
  custom_variable_exceeds_1000_chars: 'variable too long',
};
export function shortCode(code: string): string {
  return SHORT[code] ?? code.replace(/_/g, ' ');
}
