import { useState, type FormEvent } from 'react';
import { count } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { PAGE_SIZES, deepestJump } from './paging.js';

interface PagerProps {
  page: number;
  /** From the exact count; undefined while it is counted. */
  pages: number | undefined;
  hasNext: boolean;
  pageSize: number;
  onGo: (page: number) => void;
  onPageSize: (size: number) => void;
}

/** Previous / page n of m / next, a jump to a page, and the page size. */
export function Pager({ page, pages, hasNext, pageSize, onGo, onPageSize }: PagerProps) {
  const { t } = useI18n();
  const T = t.prospectsTable.pager;
  const [jump, setJump] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Math.floor(Number(jump));
    if (!Number.isFinite(wanted) || wanted < 1) return;
    if (wanted > deepestJump(pageSize) && (pages === undefined || wanted <= pages)) {
      setProblem(T.tooDeep(count(deepestJump(pageSize))));
      return;
    }
    setProblem(null);
    setJump('');
    onGo(Math.min(wanted, pages ?? wanted));
  };
  return (
    <nav className="pager" aria-label={T.label}>
      <button type="button" disabled={page <= 1} onClick={() => onGo(page - 1)}>
        {T.previous}
      </button>
      <span data-testid="page-number">{T.page(count(page), pages === undefined ? undefined : count(pages))}</span>
      <button type="button" disabled={!hasNext} onClick={() => onGo(page + 1)}>
        {T.next}
      </button>
      {(pages === undefined || pages > 1) && (
        <form className="pager-jump" onSubmit={submit}>
          <label>
            {T.jump}
            <input type="number" min={1} value={jump} onChange={(e) => setJump(e.target.value)} inputMode="numeric" />
          </label>
          <button type="submit">{T.go}</button>
        </form>
      )}
      <label>
        {T.pageSize}
        <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {count(size)}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </nav>
  );
}
