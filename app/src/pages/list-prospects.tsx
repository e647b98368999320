import { api } from '../api.js';
import type { List } from '../api-types.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { ProspectTableScreen } from '../prospects-table/screen.js';
import { ErrorNote, ListIcon } from '../ui.js';

/** A list's prospects: the prospect table with the list fixed. */
export function ListProspectsPage({ listId, userId }: { listId: string; userId: string }) {
  const { t } = useI18n();
  const list = useResource((signal) => api<List>(`/v1/lists/${encodeURIComponent(listId)}`, { signal }), [listId]);
  if (list.error && !list.data) return <ErrorNote error={list.error} />;
  const heading = (
    <>
      {list.data && <ListIcon color={list.data.iconColor} label={list.data.iconLabel} />} {list.data?.name ?? t.listProspects.fallbackTitle}
    </>
  );
  return <ProspectTableScreen userId={userId} listId={listId} heading={heading} where={list.data?.name ?? t.listProspects.where} />;
}
