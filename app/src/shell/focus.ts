import { useEffect, useRef } from 'react';

/**
 * Moves focus to the page's heading (main h1) when the path changes, as a screen reader user
 * expects of a new page: the heading says where they are, and Tab goes on from there. A page whose
 * heading waits for its data gets focus once the heading appears. Not on the first page of a visit:
 * the browser starts at the top of the document, as for any page load.
 */
export function useFocusHeadingOnNavigation(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    if (!main) return;
    const focusHeading = () => {
      const heading = main.querySelector('h1');
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [path]);
}

/** The element that had focus when a dialog opened, to give it back when it closes (ui.tsx's Confirm). */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      // The opener may be gone with what the dialog changed (a deleted row): then the page's heading.
      const target = opener?.isConnected ? opener : document.querySelector<HTMLElement>('main h1');
      if (!target) return;
      if (target.tagName === 'H1') target.tabIndex = -1;
      // After React has removed the dialog, so the browser does not put focus back on <body>.
      requestAnimationFrame(() => target.focus());
    };
  }, []);
}

/**
 * When what had focus is removed from the page (a deleted row's button, a form replaced by its
 * result) the browser drops focus on <body>, and a keyboard user starts again from the top. This
 * puts it on the page's heading instead.
 */
export function useFocusRescue(): void {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    let focused: Element | null = null;
    const onFocus = (event: FocusEvent) => {
      focused = event.target instanceof Element ? event.target : null;
    };
    const observer = new MutationObserver(() => {
      if (!focused || focused.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
      focused = null;
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus();
    });
    document.addEventListener('focusin', onFocus);
    observer.observe(main, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocus);
      observer.disconnect();
    };
  }, []);
}
