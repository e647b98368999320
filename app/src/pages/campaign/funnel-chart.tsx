import type { CampaignStats } from '../../api-types.js';
import { count, percent } from '../../format.js';
import { useI18n } from '../../i18n/index.js';

const WIDTH = 640;
const ROW = 44;
const LABEL = 110;
const BAR_MAX = WIDTH - LABEL - 150;

/**
 * The campaign's funnel as horizontal bars, one per stage, each as long as its share of the enrolled
 * (plain SVG: no chart library). The figure's caption and the bars' text say the same in words.
 */
export function FunnelChart({ stats }: { stats: CampaignStats }) {
  const { t } = useI18n();
  const w = t.campaign;
  const height = stats.funnel.length * ROW + 8;
  const summary = stats.funnel.map((s) => w.funnelStage(w.stages[s.stage] ?? s.stage, count(s.count), percent(s.rate))).join(', ');
  return (
    <figure className="funnel card" aria-labelledby="funnel-caption">
      <figcaption id="funnel-caption">
        <h2>{w.funnel}</h2>
        {stats.enrolled === 0 && <p className="muted">{w.funnelEmpty}</p>}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={w.funnelLabel(summary)} data-testid="funnel">
        {stats.funnel.map((step, index) => {
          const y = index * ROW + 4;
          const width = Math.max(step.count > 0 ? 3 : 0, Math.round(step.rate * BAR_MAX));
          const stage = w.stages[step.stage] ?? step.stage;
          return (
            <g key={step.stage} data-stage={step.stage}>
              <text x={0} y={y + 24} className="funnel-label">
                {stage}
              </text>
              <rect x={LABEL} y={y + 6} width={BAR_MAX} height={ROW - 14} rx={4} className="funnel-track" />
              <rect x={LABEL} y={y + 6} width={width} height={ROW - 14} rx={4} className={`funnel-bar funnel-${step.stage}`}>
                <title>{w.funnelBar(stage, count(step.count), percent(step.rate), percent(step.stepRate))}</title>
              </rect>
              <text x={LABEL + BAR_MAX + 10} y={y + 24} className="funnel-value">
                {`${count(step.count)} · ${percent(step.rate)}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
