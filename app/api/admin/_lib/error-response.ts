import { httpStatus, isAppError } from '@/lib/errors';

/** Coded errors become their HTTP status with the user-facing message; anything else is rethrown. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    return Response.json({ error: error.code, message: error.message }, { status: httpStatus[error.code], headers: { 'Cache-Control': 'no-store' } });
  }
  throw error;
}

/** Local wall-clock time of an instant in the practice's time zone: "2025-01-31 14:05". */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
