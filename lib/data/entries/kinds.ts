import 'server-only';
import { painReports, trainingSessions } from '@/db/schema';

/**
 * The patient log kinds kept as entries: rows with a practice, a patient, who entered them,
 * an idempotency key, a corrects_id and void columns (entryColumns in db/schema.ts). Adding a
 * kind here is what lets insert.ts, list.ts and corrections.ts serve it.
 */
export const ENTRY_KINDS = {
  pain: {
    table: painReports,
    /** The audit trail's entity name. */
    entity: 'pain_report',
    /** Newest first: by day, then by when it was reported. */
    sameDayOrder: painReports.reportedAt,
    listLimit: 1000,
  },
  session: {
    table: trainingSessions,
    entity: 'training_session',
    sameDayOrder: trainingSessions.createdAt,
    listLimit: 2000,
  },
} as const;

export type EntryKind = keyof typeof ENTRY_KINDS;
export type EntryRow<K extends EntryKind> = (typeof ENTRY_KINDS)[K]['table']['$inferSelect'];
export type EntryInsert<K extends EntryKind> = (typeof ENTRY_KINDS)[K]['table']['$inferInsert'];
/** What a kind's own columns hold; the columns every entry has are filled in by insertEntry. */
export type EntryFields<K extends EntryKind> = Omit<EntryInsert<K>, keyof EntryHeader | 'id' | 'practiceId' | 'enteredBy' | 'source' | 'voidedAt' | 'voidedBy' | 'voidReason' | 'createdAt' | 'updatedAt'>;
/** Whose entry it is, the key that makes a retry record it once, and the entry it corrects. */
export type EntryHeader = { patientId: string; idempotencyKey: string; correctsId: string | null };

/** What logging or correcting an entry answers: the entry, and whether it was a replay of one already recorded. */
export type LogResult = { id: string; duplicate: boolean; patientId: string };
