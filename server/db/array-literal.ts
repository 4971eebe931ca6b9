/**
 * A PostgreSQL array literal (`{a,b,NULL}`) sent as one text parameter: thousands of values without
 * thousands of parameters. Only for values of a known, plain alphabet (ids, codes, months, statuses).
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  for (const v of values) if (v !== null && !/^[A-Za-z0-9.-]+$/.test(v)) throw new Error(`not a plain array element: ${v}`);
  return `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;
}
