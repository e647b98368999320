import { api, apiEvery } from '../api.js';
import type { Account, Campaign, ImportsByDay, List } from '../api-types.js';
import { count, percent } from '../format.js';
import { useResource } from '../hooks/use-resource.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { ErrorNote, ListIcon } from '../ui.js';
import { ImportsChart } from './dashboard/imports-chart.js';

const CAMPAIGN_STATES = ['running', 'paused', 'draft', 'archived'] as const;

function CrmUsage({ account }: { account: Account }) {
  const { t } = useI18n();
  const { used, limit } = account.crm;
  const share = limit > 0 ? Math.min(1, used / limit) : 1;
  // A few prospects in a large CRM are not "0 %".
  const shareText = used > 0 && share < 0.001 ? `< ${percent(0.001)}` : percent(share);
  return (
    <section className="card" aria-labelledby="crm-title">
      <h2 id="crm-title">{t.dashboard.crmTitle}</h2>
      <p className="big-figure">
        <span data-testid="crm-usage">{t.dashboard.crmUsage(count(used), count(limit))}</span>
      </p>
      <div className="meter" role="meter" aria-label={t.dashboard.crmMeter} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used} aria-valuetext={`${t.dashboard.crmUsage(count(used), count(limit))} (${shareText})`}>
        <div className={share >= 0.9 ? 'meter-fill warn' : 'meter-fill'} style={{ width: `${share * 100}%`, minWidth: used > 0 ? '3px' : 0 }} />
      </div>
      <p className="muted small">
        <span data-testid="crm-share">{shareText}</span> · {t.dashboard.crmPlan(account.plan.name)} · {used >= limit ? <strong className="error">{t.dashboard.crmFull}</strong> : t.dashboard.crmLeft(count(limit - used))}
      </p>
    </section>
  );
}

function Imports({ stats }: { stats: ImportsByDay | undefined }) {
  const { t } = useI18n();
  const added = stats?.data.reduce((sum, row) => sum + row.added, 0) ?? 0;
  const imports = stats?.data.reduce((sum, row) => sum + row.imports, 0) ?? 0;
  return (
    <section className="card wide" aria-labelledby="imports-title">
      <h2 id="imports-title">{t.dashboard.importsTitle}</h2>
      {stats === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : stats.data.length === 0 ? (
        <p className="muted">{t.dashboard.importsNone}</p>
      ) : (
        <>
          <p data-testid="imports-total">{t.dashboard.importsTotal(count(added), count(imports))}</p>
          <ImportsChart stats={stats} />
        </>
      )}
    </section>
  );
}

function Lists({ lists }: { lists: List[] | undefined }) {
  const { t } = useI18n();
  const top = [...(lists ?? [])].sort((a, b) => b.totalProspects - a.totalProspects).slice(0, 5);
  const most = Math.max(1, ...top.map((l) => l.totalProspects));
  return (
    <section className="card" aria-labelledby="glance-lists">
      <h2 id="glance-lists">{t.dashboard.listsTitle}</h2>
      {lists === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : lists.length === 0 ? (
        <p className="muted">{t.dashboard.noLists}</p>
      ) : (
        <>
          <p className="muted small" data-testid="lists-count">
            {t.dashboard.listsCount(count(lists.length))}
          </p>
          <ul className="bars">
            {top.map((list) => (
              <li key={list.id}>
                <ListIcon color={list.iconColor} label={list.iconLabel} />
                <span className="bar-text">
                  <Link to={`/lists/${list.id}`}>{list.name}</Link>
                  <span className="bar" style={{ width: `${(list.totalProspects / most) * 100}%`, background: list.iconColor }} aria-hidden="true" />
                </span>
                <span className="figure" data-testid="glance-list-count">
                  {count(list.totalProspects)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link to="/lists">{t.dashboard.allLists}</Link>
    </section>
  );
}

function Campaigns({ campaigns }: { campaigns: Campaign[] | undefined }) {
  const { t } = useI18n();
  const running = (campaigns ?? []).filter((c) => c.state === 'running').sort((a, b) => b.active - a.active).slice(0, 5);
  return (
    <section className="card" aria-labelledby="glance-campaigns">
      <h2 id="glance-campaigns">{t.dashboard.campaignsTitle}</h2>
      {campaigns === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : campaigns.length === 0 ? (
        <p className="muted">{t.dashboard.noCampaigns}</p>
      ) : (
        <>
          <p className="chips">
            {CAMPAIGN_STATES.map((state) => (
              <span key={state} className={`badge state-${state}`} data-testid={`campaigns-${state}`}>
                {count(campaigns.filter((c) => c.state === state).length)} {t.common.states[state]}
              </span>
            ))}
          </p>
          <ul className="plain">
            {running.map((campaign) => (
              <li key={campaign.id}>
                <Link to={`/campaigns/${campaign.id}`}>{campaign.name}</Link> <span className="muted small">· {t.dashboard.activeIn(count(campaign.active))}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link to="/campaigns">{t.dashboard.allCampaigns}</Link>
    </section>
  );
}

/** The page after sign-in: the CRM against the plan's limit, imports over time by origin, lists and campaigns at a glance. */
export function DashboardPage() {
  const { t } = useI18n();
  const account = useResource((signal) => api<Account>('/v1/account', { signal }), []);
  const stats = useResource((signal) => api<ImportsByDay>('/v1/activity/by-day?days=30', { signal }), []);
  const lists = useResource((signal) => apiEvery<List>('/v1/lists', { signal }), []);
  const campaigns = useResource((signal) => apiEvery<Campaign>('/v1/campaigns', { signal }), []);
  return (
    <section aria-labelledby="dashboard-title">
      <div className="page-head">
        <h1 id="dashboard-title">{t.dashboard.title}</h1>
      </div>
      <ErrorNote error={account.error ?? stats.error ?? lists.error ?? campaigns.error} />
      <div className="dashboard">
        {account.data ? <CrmUsage account={account.data} /> : <p className="loading card">{t.common.loading}</p>}
        <Imports stats={stats.data} />
        <Lists lists={lists.data} />
        <Campaigns campaigns={campaigns.data} />
      </div>
    </section>
  );
}
