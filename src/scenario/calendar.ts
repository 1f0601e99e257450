/** Calendar arithmetic on ISO dates ('YYYY-MM-DD') in UTC, with no dependence on the clock. */

const parse = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (iso: string, days: number): string => format(parse(iso) + days * 86_400_000);

/** Adds months to a date on the first of a month (the scenario's dates all start on the 1st). */
export function addMonths(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${iso.slice(8, 10)}`;
}
