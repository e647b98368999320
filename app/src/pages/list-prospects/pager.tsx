import type { ProspectItemPage } from '../../api-types.js';
import { nextPage, previousPage, type View } from './view.js';

/** Previous / page number / next. `shown` is the view the rows on screen were loaded for, so the number always matches them. */
export function Pager({ shown, page, onGo }: { shown: View; page: ProspectItemPage; onGo: (view: View) => void }) {
  const hasPrevious = shown.pageNumber > 1;
  if (!hasPrevious && !page.nextCursor) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={!hasPrevious} onClick={() => onGo(previousPage(shown))}>
        ← Previous
      </button>
      <span data-testid="page-number">Page {shown.pageNumber}</span>
      <button type="button" disabled={!page.nextCursor} onClick={() => page.nextCursor && onGo(nextPage(shown, page.nextCursor))}>
        Next →
      </button>
    </nav>
  );
}
