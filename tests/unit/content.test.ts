import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadLibrary } from '@/lib/content/loader';
import { searchExercises } from '@/lib/content/search';

// The real library must load; broken copies of it must fail naming the file and field.
const realContent = path.join(process.cwd(), 'content');
let tmp: string | undefined;
afterEach(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); tmp = undefined; });

function brokenCopy(file: string, edit: (text: string) => string): string {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'loadline-content-'));
  const dir = path.join(tmp, 'content');
  cpSync(realContent, dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, edit(readFileSync(target, 'utf8')));
  return dir;
}

describe('content library', () => {
  const library = loadLibrary(realContent);

  it('has at least 30 exercises, 8 articles and 5 templates, all valid', () => {
    expect(library.exercises.length).toBeGreaterThanOrEqual(30);
    expect(library.articles.length).toBeGreaterThanOrEqual(8);
    expect(library.templates.length).toBeGreaterThanOrEqual(5);
  });

  it('gives every exercise with a figure an SVG with a title and no scripts', () => {
    for (const e of library.exercises.filter((x) => x.illustration === 'figure')) {
      expect(e.svg, e.slug).toMatch(/<title[^>]*>[^<]+<\/title>/);
      expect(e.svg, e.slug).not.toMatch(/<script/i);
    }
  });

  it('names the file and field of a bad value', () => {
    const dir = brokenCopy('exercises/glute-bridge.md', (t) => t.replace(/^category: .*$/m, 'category: yoga'));
    expect(() => loadLibrary(dir)).toThrow(ContentError);
    expect(() => loadLibrary(dir)).toThrow(/content\/exercises\/glute-bridge\.md: category: /);
  });

  it('names a missing required field', () => {
    const dir = brokenCopy('education/self-care-for-a-sore-back.md', (t) => t.replace(/^readingMinutes: .*\n/m, ''));
    expect(() => loadLibrary(dir)).toThrow(/content\/education\/self-care-for-a-sore-back\.md: readingMinutes: /);
  });

  it('refuses a progression that names no exercise', () => {
    const dir = brokenCopy('exercises/glute-bridge.md', (t) => t.replace(/^progression: .*$/m, 'progression: moon-walk'));
    expect(() => loadLibrary(dir)).toThrow(/glute-bridge\.md: progression: no exercise "moon-walk"/);
  });

  it('refuses a template exercise or article that does not exist', () => {
    const dir = brokenCopy('programs/runners-low-back-phase-1.md', (t) => t.replace(/- exercise: [a-z-]+/, '- exercise: not-an-exercise'));
    expect(() => loadLibrary(dir)).toThrow(/runners-low-back-phase-1\.md: items\.0\.exercise: no exercise "not-an-exercise"/);
  });

  it('gives templates default questionnaires that exist, and refuses one that does not, or one with no occasion', () => {
    const phase1 = library.templates.find((t) => t.slug === 'runners-low-back-phase-1');
    expect(phase1?.measures).toContainEqual({ measure: 'patient-specific-functional-scale', atIntake: true, everyWeeks: 3, atDischarge: true });
    const missing = brokenCopy('programs/runners-low-back-phase-1.md', (t) => t.replace('- measure: patient-specific-functional-scale', '- measure: oswestry'));
    expect(() => loadLibrary(missing)).toThrow(/runners-low-back-phase-1\.md: measures\.0\.measure: no questionnaire "oswestry"/);
    const never = brokenCopy('programs/return-to-running.md', (t) => t.replace('  - measure: global-rating-of-change\n    atIntake: false\n    atDischarge: true', '  - measure: global-rating-of-change\n    atIntake: false'));
    expect(() => loadLibrary(never)).toThrow(/return-to-running\.md: measures\.1: needs at least one of atIntake, everyWeeks, atDischarge/);
  });

  it('refuses a slug that differs from the file name', () => {
    const dir = brokenCopy('exercises/bird-dog.md', (t) => t.replace(/^slug: .*$/m, 'slug: bird-cat'));
    expect(() => loadLibrary(dir)).toThrow(/bird-dog\.md: slug: must equal the file name/);
  });

  it('refuses a progression chain that loops', () => {
    const dir = brokenCopy('exercises/single-leg-bridge.md', (t) => t.replace(/^progression: .*$/m, 'progression: glute-bridge'));
    expect(() => loadLibrary(dir)).toThrow(/progression: the chain loops/);
  });
});

describe('library search', () => {
  const items = loadLibrary(realContent).exercises.map((e) => ({ ...e, searchText: [e.summary, e.feel, ...e.steps, e.body].join(' ').toLowerCase() }));
  const titles = (q: string) => searchExercises(items, { q }).map((e) => e.slug);

  it('"hamstring" puts the hamstring stretch first', () => {
    expect(titles('hamstring')[0]).toBe('supine-hamstring-stretch');
    expect(titles('hamstring')).toContain('single-leg-romanian-deadlift');
  });

  it('"core" finds the core category: planks, dead bug, bird dog', () => {
    const hits = titles('core');
    for (const slug of ['dead-bug', 'bird-dog', 'front-plank', 'side-plank']) expect(hits).toContain(slug);
  });

  it('"upper back" finds upper-back exercises and not lower-back-only ones', () => {
    const hits = titles('upper back');
    for (const slug of ['prone-y-raise', 'scapular-squeeze', 'band-pull-apart', 'thoracic-extension-foam-roller']) expect(hits).toContain(slug);
    expect(hits.slice(0, 5)).not.toContain('pelvic-tilt');
  });

  it('combines text with filters', () => {
    const hits = searchExercises(items, { q: 'plank', difficulty: 'beginner' });
    // Title matches first; exercises that only mention planks in their text follow.
    expect(hits.slice(0, 2).map((h) => h.slug).sort()).toEqual(['front-plank-on-knees', 'side-plank-on-knees']);
    expect(hits.every((h) => h.difficulty === 'beginner')).toBe(true);
    expect(searchExercises(items, { category: 'cardio' }).every((h) => h.category === 'cardio')).toBe(true);
  });
});
