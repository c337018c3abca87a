// Search-as-you-type over the exercise list, pure so it runs in the browser and in tests.
export type SearchableExercise = {
  title: string;
  summary: string;
  category: string;
  bodyRegions: string[];
  equipment: string[];
  difficulty: string;
  searchText: string;
};

export type ExerciseFilters = { q?: string; category?: string; region?: string; equipment?: string; difficulty?: string };

const normalise = (s: string) => s.toLowerCase().replace(/[-_/]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Exercises matching every word of the query (in the title, body regions, category,
 * equipment or text) and every chosen filter, best matches first: title hits, then
 * body-region hits, then text.
 */
export function searchExercises<T extends SearchableExercise>(items: readonly T[], filters: ExerciseFilters): T[] {
  const query = normalise(filters.q ?? '');
  const words = query ? query.split(' ') : [];
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    if (filters.category && item.category !== filters.category) continue;
    if (filters.region && !item.bodyRegions.includes(filters.region)) continue;
    if (filters.equipment && !item.equipment.includes(filters.equipment)) continue;
    if (filters.difficulty && item.difficulty !== filters.difficulty) continue;
    if (words.length === 0) {
      scored.push({ item, score: 0 });
      continue;
    }
    const title = normalise(item.title);
    const regions = normalise(item.bodyRegions.join(' '));
    const tags = normalise(`${item.category} ${item.equipment.join(' ')}`);
    const text = normalise(`${item.summary} ${item.searchText}`);
    let score = 0;
    let all = true;
    for (const word of words) {
      const inTitle = title.includes(word);
      const inRegions = regions.includes(word);
      const inTags = tags.includes(word);
      const inText = text.includes(word);
      if (!inTitle && !inRegions && !inTags && !inText) { all = false; break; }
      score += (inTitle ? 6 : 0) + (inRegions ? 4 : 0) + (inTags ? 3 : 0) + (inText ? 1 : 0);
    }
    if (!all) continue;
    if (words.length > 1 && (title.includes(query) || regions.includes(query))) score += 10;
    scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.item.title.localeCompare(b.item.title)).map((s) => s.item);
}
