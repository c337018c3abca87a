import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { z } from 'zod';
import { dosageSchema, articleFrontMatter, exerciseFrontMatter, templateFrontMatter } from './schema';
import type { Article, Exercise, Library, ProgramTemplate } from './schema';

export class ContentError extends Error {
  override name = 'ContentError';
}

export const defaultContentDir = () => path.join(process.cwd(), 'content');

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(dir, f));
}

/** Parse one Markdown file's front matter with `schema`; errors name the file (relative to root) and the field. */
export function parseFile<S extends z.ZodType>(file: string, schema: S, root: string): { data: z.infer<S>; body: string; raw: string } {
  const raw = readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object bypasses gray-matter's cache, which would keep stale results.
    parsed = matter(raw, {});
  } catch (error) {
    throw new ContentError(`${rel}: front matter is not valid YAML (${(error as Error).message})`);
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(front matter)'}: ${i.message}`);
    throw new ContentError(`${rel}: ${problems.join('; ')}`);
  }
  const expected = path.basename(file, '.md');
  const data = result.data as z.infer<S> & { slug: string };
  if (data.slug !== expected) throw new ContentError(`${rel}: slug: must equal the file name "${expected}"`);
  return { data, body: parsed.content.trim(), raw };
}

/** Read and validate every file under dir; throws ContentError naming the file and field at fault. */
export function loadLibrary(dir = defaultContentDir()): Library {
  const root = path.dirname(dir);
  const exercises: Exercise[] = markdownFiles(path.join(dir, 'exercises')).map((file) => {
    const { data, body, raw } = parseFile(file, exerciseFrontMatter, root);
    const svgFile = file.replace(/\.md$/, '.svg');
    const svg = existsSync(svgFile) ? readFileSync(svgFile, 'utf8') : null;
    const rel = path.relative(root, file);
    if (data.illustration === 'figure' && !svg) throw new ContentError(`${rel}: illustration: figure needs ${path.basename(svgFile)}`);
    if (svg && /<script|\son\w+=|href=["'](?!#)/i.test(svg)) throw new ContentError(`${rel}: illustration: SVG must not contain scripts, handlers or links`);
    const contentVersion = createHash('sha256').update(raw).update(svg ?? '').digest('hex').slice(0, 16);
    return { ...data, body, contentVersion, svg };
  });
  const articles: Article[] = markdownFiles(path.join(dir, 'education')).map((file) => {
    const { data, body } = parseFile(file, articleFrontMatter, root);
    return { ...data, body };
  });
  const templates: ProgramTemplate[] = markdownFiles(path.join(dir, 'programs')).map((file) => {
    const { data, body } = parseFile(file, templateFrontMatter, root);
    data.items.forEach((item, i) => {
      const { exercise: _slug, notes: _notes, ...dosage } = item;
      const check = dosageSchema.safeParse(dosage);
      if (!check.success) {
        const rel = path.relative(root, file);
        throw new ContentError(`${rel}: items.${i}.${check.error.issues[0]?.path.join('.')}: ${check.error.issues[0]?.message}`);
      }
    });
    return { ...data, body };
  });
  checkReferences({ exercises, articles, templates }, root, dir);
  return { exercises, articles, templates };
}

function checkReferences(lib: Library, root: string, dir: string): void {
  const exerciseSlugs = new Set(lib.exercises.map((e) => e.slug));
  const articleSlugs = new Set(lib.articles.map((a) => a.slug));
  const rel = (kind: string, slug: string) => path.relative(root, path.join(dir, kind, `${slug}.md`));
  for (const e of lib.exercises) {
    for (const field of ['regression', 'progression'] as const) {
      const target = e[field];
      if (target && !exerciseSlugs.has(target)) throw new ContentError(`${rel('exercises', e.slug)}: ${field}: no exercise "${target}"`);
      if (target === e.slug) throw new ContentError(`${rel('exercises', e.slug)}: ${field}: must not point to itself`);
    }
  }
  // Following progressions from any exercise must end: a loop would hang the chain view.
  const bySlug = new Map(lib.exercises.map((e) => [e.slug, e]));
  for (const e of lib.exercises) {
    const seen = new Set<string>();
    for (let s: string | null = e.slug; s; s = bySlug.get(s)?.progression ?? null) {
      if (seen.has(s)) throw new ContentError(`${rel('exercises', e.slug)}: progression: the chain loops back to "${s}"`);
      seen.add(s);
    }
  }
  for (const t of lib.templates) {
    t.items.forEach((item, i) => {
      if (!exerciseSlugs.has(item.exercise)) throw new ContentError(`${rel('programs', t.slug)}: items.${i}.exercise: no exercise "${item.exercise}"`);
    });
    t.articles.forEach((a, i) => {
      if (!articleSlugs.has(a)) throw new ContentError(`${rel('programs', t.slug)}: articles.${i}: no article "${a}"`);
    });
    // Instruments live in content/measures/ (lib/content/measures.ts validates them); here only that the file exists.
    t.measures.forEach((m, i) => {
      if (!existsSync(path.join(dir, 'measures', `${m.measure}.md`))) throw new ContentError(`${rel('programs', t.slug)}: measures.${i}.measure: no questionnaire "${m.measure}"`);
    });
  }
}

const globalForContent = globalThis as typeof globalThis & { __loadlineLibrary?: Library };

/** The validated library, read once per process. */
export function getLibrary(): Library {
  globalForContent.__loadlineLibrary ??= loadLibrary();
  return globalForContent.__loadlineLibrary;
}
