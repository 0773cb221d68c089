/**
 * Filters live in the URL (?departmentId=…&page=2) so a reload, a bookmark or a link in a mail
 * opens the same view. A schema names each filter's default; defaults are left out of the URL.
 */
export type FilterValue = string | number | boolean | string[];
export type FilterSchema = Record<string, FilterValue>;

type RouteQuery = Record<string, string | null | Array<string | null> | undefined>;

const first = (v: string | null | Array<string | null> | undefined): string | undefined => {
  const value = Array.isArray(v) ? v[0] : v;
  return value === null || value === undefined ? undefined : value;
};

/** Reads the URL's query into typed filters; a malformed value falls back to the default. */
export function readFilters<S extends FilterSchema>(query: RouteQuery, schema: S): S {
  const out: Record<string, FilterValue> = {};
  for (const [key, fallback] of Object.entries(schema)) {
    const raw = first(query[key]);
    if (raw === undefined || raw === '') {
      out[key] = Array.isArray(fallback) ? [...fallback] : fallback;
    } else if (typeof fallback === 'number') {
      const n = Number(raw);
      out[key] = Number.isFinite(n) ? n : fallback;
    } else if (typeof fallback === 'boolean') {
      out[key] = raw === 'true' ? true : raw === 'false' ? false : fallback;
    } else if (Array.isArray(fallback)) {
      out[key] = raw.split(',').filter(Boolean);
    } else {
      out[key] = raw;
    }
  }
  return out as S;
}

const same = (a: FilterValue, b: FilterValue) => (Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : a === b);

/** The query string for filters: only the values that differ from their default, as strings. */
export function writeFilters<S extends FilterSchema>(filters: S, schema: S): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, fallback] of Object.entries(schema)) {
    const value = filters[key];
    if (value === undefined || value === null || value === '' || same(value, fallback)) continue;
    if (Array.isArray(value) && !value.length) continue;
    out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}

/** Query parameters for the API: empty filters are dropped, lists comma-joined. */
export function apiParams(filters: Record<string, FilterValue | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
