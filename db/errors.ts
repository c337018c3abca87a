// Postgres errors as both drivers raise them: postgres.js and PGlite put the SQLSTATE in
// `code` and the constraint in `constraint` / `constraint_name`; drizzle may wrap either as
// the `cause` of its own error. Read without casts, so an unexpected shape is just "no".

type PgErrorFields = { code?: string; constraint?: string; cause?: unknown };

function fieldsOf(e: unknown): PgErrorFields | null {
  if (typeof e !== 'object' || e === null) return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    code: 'code' in e ? text(e.code) : undefined,
    constraint: ('constraint' in e ? text(e.constraint) : undefined) ?? ('constraint_name' in e ? text(e.constraint_name) : undefined),
    cause: 'cause' in e && e.cause !== e ? e.cause : undefined,
  };
}

/**
 * Whether e, or an error it wraps, is a unique violation (23505), and when `constraint` is
 * given, one of an index or constraint whose name it matches.
 */
export function isUniqueViolation(e: unknown, constraint?: RegExp): boolean {
  const err = fieldsOf(e);
  if (!err) return false;
  if (err.code === '23505' && (!constraint || constraint.test(err.constraint ?? ''))) return true;
  return err.cause !== undefined && isUniqueViolation(err.cause, constraint);
}
