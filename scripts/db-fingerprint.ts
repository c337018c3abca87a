// Row count and an MD5 over the ordered rows of every table (and each sequence's position),
// on any connection: what backup, restore and their test compare.
type Query = (sql: string) => Promise<readonly Record<string, unknown>[]>;

export type TableFingerprint = { table: string; rows: number; md5: string };

export async function tableFingerprints(query: Query): Promise<TableFingerprint[]> {
  const tables = await query(
    `select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  );
  const out: TableFingerprint[] = [];
  for (const { name } of tables) {
    const [schema, table] = String(name).split('.') as [string, string];
    const id = `"${schema}"."${table}"`;
    const [row] = await query(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from ${id} t`);
    out.push({ table: `${schema}.${table}`, rows: Number(row!.rows), md5: String(row!.md5) });
  }
  const sequences = await query(`select sequence_schema || '.' || sequence_name as name from information_schema.sequences where sequence_schema in ('public', 'drizzle') order by 1`);
  for (const { name } of sequences) {
    const [schema, seq] = String(name).split('.') as [string, string];
    const [row] = await query(`select last_value::text as v, is_called from "${schema}"."${seq}"`);
    out.push({ table: `sequence ${schema}.${seq}`, rows: Number(row!.v), md5: String(row!.is_called) });
  }
  return out;
}
