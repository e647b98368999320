import { count } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { campaignWords, importWords } from './code-words.js';

/** One outcome in words, its code in the tooltip (and in the class that colours it). */
export function CodeChip({ code, kind }: { code: string; kind: 'import' | 'campaign' }) {
  const { t } = useI18n();
  return (
    <span className={`chip code-${code}`} title={code}>
      {kind === 'import' ? importWords(code, t.activity.importCodes) : campaignWords(code, t.activity.campaignCodes)}
    </span>
  );
}

/** How many prospects got each code, in words. */
export function CodeCountChips({ counts, kind }: { counts: Record<string, number>; kind: 'import' | 'campaign' }) {
  const { t } = useI18n();
  const entries = Object.entries(counts);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="chips">
      {entries.map(([code, n]) => (
        <span key={code} className={`chip code-${code}`} title={code}>
          {t.common.codeCount(kind === 'import' ? importWords(code, t.activity.importCodes) : campaignWords(code, t.activity.campaignCodes), count(n))}
        </span>
      ))}
    </span>
  );
}
