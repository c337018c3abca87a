import { and, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { exercises } from '@/db/schema';
import type { Library } from './schema';

export type SyncResult = { upserted: number; retired: number };

/**
 * Bring the shared library exercises (practice_id null) in line with content/:
 * upsert by slug, and retire (never delete) what left content/, so programs that
 * reference an exercise by id keep working.
 */
export async function syncLibrary(db: Db, library: Library): Promise<SyncResult> {
  return db.transaction(async (tx) => {
    const rows = library.exercises.map((e) => ({
      practiceId: null,
      slug: e.slug,
      title: e.title,
      summary: e.summary,
      category: e.category,
      bodyRegions: e.bodyRegions,
      equipment: e.equipment,
      difficulty: e.difficulty,
      dosage: e.dosage,
      steps: e.steps,
      feel: e.feel,
      cautions: e.cautions,
      regressionSlug: e.regression,
      progressionSlug: e.progression,
      illustration: e.illustration,
      body: e.body,
      contentVersion: e.contentVersion,
      retiredAt: null,
    }));
    if (rows.length > 0) {
      await tx
        .insert(exercises)
        .values(rows)
        .onConflictDoUpdate({
          target: [exercises.practiceId, exercises.slug],
          set: {
            updatedAt: sql`now()`,
            ...Object.fromEntries(
            [
              'title', 'summary', 'category', 'body_regions', 'equipment', 'difficulty', 'dosage', 'steps', 'feel',
              'cautions', 'regression_slug', 'progression_slug', 'illustration', 'body', 'content_version', 'retired_at',
            ].map((col) => [toCamel(col), sql.raw(`excluded.${col}`)]),
            ),
          },
          // Unchanged files leave their rows untouched (no updated_at churn on every start).
          setWhere: sql`${exercises.contentVersion} IS DISTINCT FROM excluded.content_version OR ${exercises.retiredAt} IS NOT NULL`,
        });
    }
    const slugs = library.exercises.map((e) => e.slug);
    const retired = await tx
      .update(exercises)
      .set({ retiredAt: new Date() })
      .where(
        and(
          isNull(exercises.practiceId),
          isNull(exercises.retiredAt),
          slugs.length > 0 ? notInArray(exercises.slug, slugs) : undefined,
        ),
      )
      .returning({ id: exercises.id });
    return { upserted: rows.length, retired: retired.length };
  });
}

function toCamel(col: string): string {
  return col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
