import { ProspectTableScreen } from '../prospects-table/screen.js';

/** Every prospect of the CRM, the list one of the filters. */
export function ProspectsPage({ userId }: { userId: string }) {
  return <ProspectTableScreen userId={userId} heading="Prospects" where="your CRM" />;
}
