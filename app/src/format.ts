// Dates and numbers in the locale of the user's language (set by i18n/index.tsx before each render).

let locale = 'en-US';
export function setFormatLocale(next: string): void {
  locale = next;
}

export function when(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function day(iso: string): string {
  return new Date(iso).toLocaleDateString(locale, { dateStyle: 'medium' });
}

/** A UTC calendar day ("2026-12-03") as the locale writes it short: Dec 3 / 3 déc. */
export function shortDay(isoDay: string): string {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function count(n: number): string {
  return n.toLocaleString(locale);
}

export function percent(fraction: number): string {
  return fraction.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 });
}
