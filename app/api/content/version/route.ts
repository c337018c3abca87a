import { createHash } from 'node:crypto';
import { loadLibrary } from '@/lib/content/loader';
import { loadMeasures } from '@/lib/content/measures';

// The content this build was made from: a version per exercise and instrument, and one hash
// over all. Rendered once, at build time (force-static), which is also the build's content
// check: a bad file in content/ (an exercise, article, template or questionnaire) throws a
// ContentError naming its path and field, and `next build` fails with that message.
export const dynamic = 'force-static';

export function GET() {
  const library = loadLibrary();
  const measures = loadMeasures();
  const versions = {
    exercises: Object.fromEntries(library.exercises.map((e) => [e.slug, e.contentVersion])),
    measures: Object.fromEntries(measures.map((m) => [m.slug, m.contentVersion])),
    articles: library.articles.map((a) => a.slug),
    templates: library.templates.map((t) => t.slug),
  };
  const hash = createHash('sha256').update(JSON.stringify(versions)).digest('hex').slice(0, 16);
  return Response.json({ hash, ...versions });
}
