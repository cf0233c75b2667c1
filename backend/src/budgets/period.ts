// Monthly budget periods (DESIGN §3): a period starts at local midnight on the department's reset day, in its
// time zone, and ends at the next one. Computed without a date library: the zone's offset comes from Intl.

export interface Period {
  /** Local start date, `YYYY-MM-DD`: names the period's counter. */
  key: string;
  start: Date;
  end: Date;
  timeZone: string;
}

/** One formatter per zone: building an Intl.DateTimeFormat costs more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(at: Date, timeZone: string) {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    h: get('hour'),
    min: get('minute'),
    s: get('second'),
  };
}

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The UTC instant of local midnight on y-m-d in the zone (DST-safe: the offset is re-read at the result). */
export function zonedMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const guess = Date.UTC(y, m - 1, d);
  let utc = guess - offsetMs(new Date(guess), timeZone);
  utc = guess - offsetMs(new Date(utc), timeZone);
  return new Date(utc);
}

export function periodFor(now: Date, resetDay: number, timeZone: string): Period {
  const local = localParts(now, timeZone);
  let y = local.y;
  let m = local.m;
  if (local.d < resetDay) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  const start = zonedMidnight(y, m, resetDay, timeZone);
  const end = zonedMidnight(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, resetDay, timeZone);
  const key = `${y}-${String(m).padStart(2, '0')}-${String(resetDay).padStart(2, '0')}`;
  return { key, start, end, timeZone };
}

/**
 * periodFor, remembered per reset day and zone while `now` stays inside the period: the budget engine asks on
 * every reservation and quote, and the answer changes once a month.
 */
export class PeriodCache {
  private readonly known = new Map<string, Period>();

  periodFor(now: Date, resetDay: number, timeZone: string): Period {
    const key = `${resetDay}|${timeZone}`;
    const hit = this.known.get(key);
    const t = now.getTime();
    if (hit && hit.start.getTime() <= t && t < hit.end.getTime()) return hit;
    const fresh = periodFor(now, resetDay, timeZone);
    if (this.known.size >= 1000) this.known.clear();
    this.known.set(key, fresh);
    return fresh;
  }
}
