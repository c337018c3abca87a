// Patient log entries (pain reports, training sessions): logged once per idempotency key,
// listed per kind, voided or corrected (never erased). The shared parts live in insert.ts,
// list.ts and corrections.ts, parameterized by the kinds in kinds.ts; pain.ts and session.ts
// hold what one kind adds (warning signs, distances).
export { correctPain, correctSession, voidEntry } from './corrections';
export type { EntryKind, EntryRow, LogResult } from './kinds';
export { listEntries, type EntryRange } from './list';
export { logPain, type PainLogResult } from './pain';
export { logSession } from './session';
