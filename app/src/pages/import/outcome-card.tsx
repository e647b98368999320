import { useEffect, useRef, type ReactNode } from 'react';
import { count } from '../../format.js';
import type { Outcome } from '../../import/send-in-chunks.js';
import { CodeCounts } from '../../ui.js';

/**
 * What a dry run or an import did: the codes counted, and the rows left out. Focus moves to its
 * heading when it appears (or shows a new outcome), so the keyboard and screen reader go on from the
 * result instead of the button that was pressed, now disabled or gone.
 */
export function OutcomeCard({ title, outcome, testId, children }: { title: string; outcome: Outcome; testId: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [outcome]);
  return (
    <div className="card" data-testid={testId} role="status">
      <h2 ref={heading} tabIndex={-1}>
        {title}
      </h2>
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
