import type { ReactNode } from 'react';
import { count } from '../../format.js';
import type { Outcome } from '../../import/send-in-chunks.js';
import { CodeCounts } from '../../ui.js';

/** What a dry run or an import did: the codes counted, and the rows left out. */
export function OutcomeCard({ title, outcome, testId, children }: { title: string; outcome: Outcome; testId: string; children?: ReactNode }) {
  return (
    <div className="card" data-testid={testId} role="status">
      <h2>{title}</h2>
      <p>
        Import codes: <CodeCounts counts={outcome.importCodes} />
      </p>
      {Object.keys(outcome.addToCampaignCodes).length > 0 && (
        <p>
          Campaign codes: <CodeCounts counts={outcome.addToCampaignCodes} />
        </p>
      )}
      {outcome.invalid.length > 0 && (
        <details>
          <summary>{count(outcome.invalid.length)} rows left out (not LinkedIn profile URLs)</summary>
          <ul>
            {outcome.invalid.slice(0, 100).map((u) => (
              <li key={u.row}>
                row {u.row}: {u.url || '(empty)'} — {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {children}
    </div>
  );
}
