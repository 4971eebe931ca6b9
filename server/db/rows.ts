/** The rows of a raw `db.execute(sql…)` result, which PGlite and node-postgres both put under `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
