// Opening a patient's record is audited as "Patient record viewed" (lib/data/patients.ts).
// The page reloads its data on every chart-range click, filter and refresh; the trail records
// one view per person per patient per window, so it answers "who looked at this record"
// without burying the answer under dozens of rows from one visit.

/** Minutes in which further views of the same patient by the same person are not recorded again. */
export const VIEW_AUDIT_WINDOW_MINUTES = 10;

/** Whether a view at `now` is recorded, given the person's last recorded view of this patient (null: none). */
export function viewAuditDue(lastRecordedAt: Date | null, now: Date, windowMinutes = VIEW_AUDIT_WINDOW_MINUTES): boolean {
  if (!lastRecordedAt) return true;
  const elapsed = now.getTime() - lastRecordedAt.getTime();
  // A clock that went backwards (or a row from the future) never hides a view.
  return elapsed < 0 || elapsed >= windowMinutes * 60_000;
}
