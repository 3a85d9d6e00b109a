/** How long an approval counts by default: a period after the review day, or no expiry at all. */
export type ExpiryPeriod =
  | { readonly kind: 'never'; readonly text: string }
  | { readonly kind: 'period'; readonly amount: number; readonly unit: 'days' | 'weeks' | 'months' | 'years'; readonly text: string };

export const DEFAULT_APPROVAL_EXPIRY: ExpiryPeriod = { kind: 'period', amount: 12, unit: 'months', text: '12 months' };

const UNITS: Readonly<Record<string, 'days' | 'weeks' | 'months' | 'years'>> = {
  d: 'days', day: 'days', days: 'days',
  w: 'weeks', week: 'weeks', weeks: 'weeks',
  m: 'months', month: 'months', months: 'months',
  y: 'years', year: 'years', years: 'years',
};

/** Reads `"12 months"`, `"90 days"`, `"1 year"`, `"never"`, or a number of days. */
export function parseExpiryPeriod(value: string | number): ExpiryPeriod | { readonly error: string } {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) return { error: 'a number of days must be a whole number of at least 1' };
    return { kind: 'period', amount: value, unit: 'days', text: `${value} days` };
  }
  const text = value.trim();
  if (text === 'never') return { kind: 'never', text: 'never' };
  const match = /^(\d+)\s*([a-z]+)$/.exec(text);
  const unit = match && Object.hasOwn(UNITS, match[2]) ? UNITS[match[2]] : undefined;
  if (!match || !unit || Number(match[1]) < 1) return { error: `"${value}" is not a period; use e.g. "12 months", "90 days", "1 year" or "never"` };
  return { kind: 'period', amount: Number(match[1]), unit, text };
}

/** The last day an approval given on `from` (`YYYY-MM-DD`) counts, or undefined for `never`. */
export function expiryDate(from: string, period: ExpiryPeriod): string | undefined {
  if (period.kind === 'never') return undefined;
  const [y, m, d] = from.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  switch (period.unit) {
    case 'days':
      date.setUTCDate(date.getUTCDate() + period.amount);
      break;
    case 'weeks':
      date.setUTCDate(date.getUTCDate() + 7 * period.amount);
      break;
    case 'months':
    case 'years': {
      const months = period.unit === 'years' ? 12 * period.amount : period.amount;
      // 31 January + 1 month is the last day of February, not 3 March.
      const target = new Date(Date.UTC(y, m - 1 + months, 1));
      const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d, lastDay));
      return target.toISOString().slice(0, 10);
    }
  }
  return date.toISOString().slice(0, 10);
}

/**
 * The expiry a reviewer chose: a date (`YYYY-MM-DD`, not in the past), a period from today, `never`, or nothing
 * for the policy's default. Undefined means no expiry.
 */
export function chooseExpiry(input: string | undefined, today: string, fallback: ExpiryPeriod): { readonly expires?: string } | { readonly error: string } {
  if (input === undefined || input.trim() === '') {
    const date = expiryDate(today, fallback);
    return date ? { expires: date } : {};
  }
  const text = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const parsed = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) return { error: `${text} is not a date` };
    if (text < today) return { error: `${text} is in the past` };
    return { expires: text };
  }
  const period = parseExpiryPeriod(text);
  if ('error' in period) return { error: `${period.error}, or a date YYYY-MM-DD` };
  const date = expiryDate(today, period);
  return date ? { expires: date } : {};
}
