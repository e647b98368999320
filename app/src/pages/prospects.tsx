import { useI18n } from '../i18n/index.js';
import { ProspectTableScreen } from '../prospects-table/screen.js';

/** Every prospect of the CRM, the list one of the filters. */
export function ProspectsPage({ userId }: { userId: string }) {
  const { t } = useI18n();
  return <ProspectTableScreen userId={userId} heading={t.prospectsTable.title} where={t.prospectsTable.whereCrm} />;
}
