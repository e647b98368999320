import { useCallback, useState } from 'react';
import { api } from '../api.js';
import type { Campaign, CampaignStats } from '../api-types.js';
import { count } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { ErrorNote } from '../ui.js';
import { Enrolments } from './campaign/enrolments.js';
import { FunnelChart } from './campaign/funnel-chart.js';
import { CampaignSettings } from './campaign/settings.js';

/** One campaign: its settings, its funnel, its enrolments with their state and each prospect's timeline. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const found = useResource((signal) => api<Campaign>(`/v1/campaigns/${campaignId}`, { signal }), [campaignId]);
  const stats = useResource((signal) => api<CampaignStats>(`/v1/campaigns/${campaignId}/stats`, { signal }), [campaignId]);
  // Bumped after every change, so the enrolments' states reload with the campaign.
  const [generation, setGeneration] = useState(0);
  const { reload: reloadCampaign } = found;
  const { reload: reloadStats } = stats;
  const afterChange = useCallback(() => {
    reloadCampaign();
    reloadStats();
    setGeneration((n) => n + 1);
  }, [reloadCampaign, reloadStats]);
  const mutation = useMutation(afterChange);
  const campaign = found.data;
  return (
    <section aria-labelledby="campaign-title">
      <p className="crumbs">
        <Link to="/campaigns">{t.campaign.back}</Link>
      </p>
      <div className="page-head">
        <h1 id="campaign-title">{campaign?.name ?? t.campaign.fallbackTitle}</h1>
        {campaign && (
          <span className={`badge state-${campaign.state}`} title={campaign.state} data-testid="campaign-state">
            {t.campaigns.stateWords[campaign.state]}
          </span>
        )}
        {campaign && <span className="muted">{t.campaign.enrolledCount(count(campaign.enrolled), campaign.enrolled)}</span>}
      </div>
      <ErrorNote error={mutation.error ?? found.error ?? stats.error} />
      {campaign && <CampaignSettings key={`${campaign.id}:${campaign.updatedAt}`} campaign={campaign} mutation={mutation} />}
      {stats.data && <FunnelChart stats={stats.data} />}
      <Enrolments campaignId={campaignId} generation={generation} />
    </section>
  );
}
