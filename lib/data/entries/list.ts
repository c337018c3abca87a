import 'server-only';
import { and, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { assertPatientReachable } from '../scope';
import { ENTRY_KINDS, type EntryKind, type EntryRow } from './kinds';

export type EntryRange = { from?: string; to?: string; includeVoided?: boolean; limit?: number };

/** A patient's entries of one kind in a date range, newest first (voided ones only when asked for, marked). */
export async function listEntries<K extends EntryKind>(actor: Actor, kind: K, patientId: string, range?: EntryRange): Promise<EntryRow<K>[]>;
// One body for every kind: the signature above gives the caller the rows of the kind's table.
export async function listEntries(actor: Actor, kind: EntryKind, patientId: string, range: EntryRange = {}): Promise<EntryRow<EntryKind>[]> {
  assertCan(actor, 'patient:readClinical');
  await assertPatientReachable(actor, patientId);
  const { table, sameDayOrder, listLimit } = ENTRY_KINDS[kind];
  return getDb()
    .select()
    .from(table)
    .where(
      and(
        eq(table.practiceId, actor.practiceId),
        eq(table.patientId, patientId),
        range.from ? gte(table.localDate, range.from) : undefined,
        range.to ? lte(table.localDate, range.to) : undefined,
        range.includeVoided ? undefined : isNull(table.voidedAt),
      ),
    )
    .orderBy(desc(table.localDate), desc(sameDayOrder))
    .limit(range.limit ?? listLimit);
}
