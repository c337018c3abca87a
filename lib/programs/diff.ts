import type { ProgramSnapshot } from '@/lib/validation/program';

type Item = ProgramSnapshot['items'][number];

const dose = (i: Item) =>
  [i.minutes ? `${i.minutes} min` : `${i.sets ?? '?'} × ${i.reps ? `${i.reps} reps` : `${i.holdSeconds ?? '?'} s`}${i.reps && i.holdSeconds ? ` (hold ${i.holdSeconds} s)` : ''}`, `${i.sessionsPerWeek}×/week`, i.load ? `load ${i.load}` : '']
    .filter(Boolean)
    .join(', ');

/** What changed from one saved version of a program to the next, in words. */
export function describeChanges(before: ProgramSnapshot, after: ProgramSnapshot): string[] {
  const changes: string[] = [];
  if (before.title !== after.title) changes.push(`Title: "${before.title}" → "${after.title}"`);
  if (before.startDate !== after.startDate) changes.push(`Start: ${before.startDate} → ${after.startDate}`);
  if (before.endDate !== after.endDate) changes.push(`End: ${before.endDate ?? 'none'} → ${after.endDate ?? 'none'}`);
  if (before.status !== after.status) changes.push(after.status === 'ended' ? 'Program ended' : 'Program reopened');
  if ((before.goals ?? '') !== (after.goals ?? '')) changes.push('Goals changed');
  const beforeById = new Map(before.items.map((i) => [i.id, i]));
  const afterIds = new Set(after.items.map((i) => i.id));
  for (const item of after.items) {
    const old = beforeById.get(item.id);
    if (!old) changes.push(`Added ${item.exerciseTitle} (${dose(item)})`);
    else {
      if (dose(old) !== dose(item)) changes.push(`${item.exerciseTitle}: ${dose(old)} → ${dose(item)}`);
      if ((old.notes ?? '') !== (item.notes ?? '')) changes.push(`${item.exerciseTitle}: notes changed`);
    }
  }
  for (const item of before.items) if (!afterIds.has(item.id)) changes.push(`Removed ${item.exerciseTitle}`);
  const order = (s: ProgramSnapshot) => s.items.filter((i) => beforeById.has(i.id) && afterIds.has(i.id)).map((i) => i.id).join();
  if (order(before) !== order(after)) changes.push('Exercises reordered');
  const added = after.articleSlugs.filter((a) => !before.articleSlugs.includes(a));
  const removed = before.articleSlugs.filter((a) => !after.articleSlugs.includes(a));
  if (added.length || removed.length) changes.push('Reading list changed');
  return changes;
}
