// The shipped instruments in content/measures/ must load; broken copies must fail naming the
// file and field; the Oswestry-style fixture (placeholder wording, never shipped) proves the
// format can express "percentage of answered items" scoring.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreResponse } from '@/lib/analytics/measures';
import { ContentError } from '@/lib/content/loader';
import { loadMeasures } from '@/lib/content/measures';

const realMeasures = path.join(process.cwd(), 'content', 'measures');
const fixtureMeasures = path.join(process.cwd(), 'tests', 'fixtures', 'measures');
let tmp: string | undefined;
afterEach(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); tmp = undefined; });

/** A copy of content/measures with one file edited; returns the copy's measures dir. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'loadline-measures-'));
  const dir = path.join(tmp, 'content', 'measures');
  cpSync(realMeasures, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in ${file}`);
  writeFileSync(target, after);
  return dir;
}

describe('shipped instruments', () => {
  const measures = loadMeasures(realMeasures);

  it('loads every instrument file in content/measures (README.md is not one)', () => {
    const files = readdirSync(realMeasures).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(measures.map((m) => `${m.slug}.md`)).toEqual(files.sort());
    expect(measures.map((m) => m.slug)).toEqual([
      'global-rating-of-change',
      'pain-rating-last-week',
      'patient-specific-functional-scale',
      'running-function-check',
    ]);
  });

  it('ships only instruments free to use, marked shipped, with a licence note and physio notes', () => {
    for (const m of measures) {
      expect(m.shipped, m.slug).toBe(true);
      expect(['loadline', 'free-to-use'], m.slug).toContain(m.licence.kind);
      expect(m.notes.length, m.slug).toBeGreaterThan(100);
    }
  });

  it('ships no Oswestry, Roland–Morris or STarT Back (restrictive licences)', () => {
    for (const m of measures) {
      expect(`${m.slug} ${m.title} ${m.shortTitle}`, m.slug).not.toMatch(/oswestry|\bODI\b|roland|morris|RMDQ|start back|keele/i);
    }
  });

  it('cites a source for every established MCID, and explains the others', () => {
    for (const m of measures) {
      if (m.mcid.status === 'established') expect(m.mcid.source, m.slug).toMatch(/\b(19|20)\d\d\b/);
      else expect(m.mcid.note.length, m.slug).toBeGreaterThan(40);
    }
    const run = measures.find((m) => m.slug === 'running-function-check');
    expect(run?.mcid).toMatchObject({ status: 'not-established' });
    expect(run?.mcid.note).toMatch(/the practice reads change in context/);
  });

  it('gives each file a content version that changes with the file', () => {
    const dir = brokenCopy('pain-rating-last-week.md', (t) => t.replace('On average, how much pain', 'On average, how much pain in total'));
    const before = measures.find((m) => m.slug === 'pain-rating-last-week')?.contentVersion;
    const after = loadMeasures(dir).find((m) => m.slug === 'pain-rating-last-week')?.contentVersion;
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
  });
});

describe('broken instrument files fail with path and field', () => {
  it('a bad value', () => {
    const dir = brokenCopy('pain-rating-last-week.md', (t) => t.replace(/^direction: .*$/m, 'direction: sideways'));
    expect(() => loadMeasures(dir)).toThrow(ContentError);
    expect(() => loadMeasures(dir)).toThrow(/content\/measures\/pain-rating-last-week\.md: direction: /);
  });

  it('a missing field', () => {
    const dir = brokenCopy('patient-specific-functional-scale.md', (t) => t.replace(/^recallPeriod: .*\n/m, ''));
    expect(() => loadMeasures(dir)).toThrow(/content\/measures\/patient-specific-functional-scale\.md: recallPeriod: /);
  });

  it('an unknown field', () => {
    const dir = brokenCopy('pain-rating-last-week.md', (t) => t.replace(/^shipped: true$/m, 'shipped: true\nlicense: MIT'));
    expect(() => loadMeasures(dir)).toThrow(/pain-rating-last-week\.md: .*license/);
  });

  it('scoring that counts an item that does not exist, or a free-text item', () => {
    const missing = brokenCopy('running-function-check.md', (t) => t.replace('items: [pain-free-running,', 'items: [pain-free-runs,'));
    expect(() => loadMeasures(missing)).toThrow(/running-function-check\.md: scoring\.items\.0: no item "pain-free-runs"/);
    rmSync(tmp!, { recursive: true, force: true });
    const text = brokenCopy('global-rating-of-change.md', (t) => t.replace('items: [overall-change]', 'items: [overall-change, comment]'));
    expect(() => loadMeasures(text)).toThrow(/global-rating-of-change\.md: scoring\.items\.1: "comment" is free text/);
  });

  it('a range that does not match the items and method', () => {
    const dir = brokenCopy('running-function-check.md', (t) => t.replace('range: { min: 0, max: 12 }', 'range: { min: 0, max: 10 }'));
    expect(() => loadMeasures(dir)).toThrow(/running-function-check\.md: range: must be 0\.\.12 for sum scoring/);
  });

  it('a sum that allows missing answers', () => {
    const dir = brokenCopy('running-function-check.md', (t) => t.replace('minAnswered: 3', 'minAnswered: 2'));
    expect(() => loadMeasures(dir)).toThrow(/running-function-check\.md: scoring\.minAnswered: a sum needs every counted item/);
  });

  it('an anchor off the scale, and a scale whose ends are not labelled', () => {
    const off = brokenCopy('pain-rating-last-week.md', (t) => t.replace('{ value: 10, label: The worst', '{ value: 12, label: The worst'));
    expect(() => loadMeasures(off)).toThrow(/pain-rating-last-week\.md: items\.0\.answer\.anchors\.1\.value: must lie within 0\.\.10/);
    rmSync(tmp!, { recursive: true, force: true });
    const ends = brokenCopy('pain-rating-last-week.md', (t) => t.replace('{ value: 0, label: No pain }', '{ value: 1, label: No pain }'));
    expect(() => loadMeasures(ends)).toThrow(/pain-rating-last-week\.md: items\.0\.answer\.anchors: must label both ends of the scale/);
  });

  it('a choice value used twice', () => {
    const dir = brokenCopy('running-function-check.md', (t) => t.replace('{ value: 1, label: Less than 10 minutes }', '{ value: 2, label: Less than 10 minutes }'));
    expect(() => loadMeasures(dir)).toThrow(/running-function-check\.md: items\.2\.answer\.options\.2\.value: 2 is used twice/);
  });

  it('an MCID marked established without a source', () => {
    const dir = brokenCopy('pain-rating-last-week.md', (t) => t.replace(/^ {2}source: .*\n/m, ''));
    expect(() => loadMeasures(dir)).toThrow(/pain-rating-last-week\.md: mcid\.source: /);
  });

  it('an instrument under a practice licence marked as shipped', () => {
    const dir = brokenCopy('running-function-check.md', (t) => t.replace('kind: loadline', 'kind: practice-licence'));
    expect(() => loadMeasures(dir)).toThrow(/running-function-check\.md: shipped: Loadline never ships/);
  });

  it('overlapping bands', () => {
    const dir = brokenCopy('global-rating-of-change.md', (t) => t.replace('{ min: -2, max: 2, label: About the same }', '{ min: -3, max: 2, label: About the same }'));
    expect(() => loadMeasures(dir)).toThrow(/global-rating-of-change\.md: bands\.1\.min: bands must be in ascending order/);
  });

  it('a slug that differs from the file name, and front matter that is not YAML', () => {
    const slug = brokenCopy('running-function-check.md', (t) => t.replace(/^slug: .*$/m, 'slug: run-check'));
    expect(() => loadMeasures(slug)).toThrow(/running-function-check\.md: slug: must equal the file name/);
    rmSync(tmp!, { recursive: true, force: true });
    const yaml = brokenCopy('running-function-check.md', (t) => t.replace(/^title: .*$/m, 'title: [unclosed'));
    expect(() => loadMeasures(yaml)).toThrow(/running-function-check\.md: front matter is not valid YAML/);
  });
});

describe('Oswestry-style fixture (not shipped, placeholder wording)', () => {
  const [fixture] = loadMeasures(fixtureMeasures);

  it('validates: 10 items scored 0–5, percentage of the answered maximum, under a practice licence', () => {
    expect(fixture?.slug).toBe('oswestry-style-fixture');
    expect(fixture?.shipped).toBe(false);
    expect(fixture?.licence.kind).toBe('practice-licence');
    expect(fixture?.scoring).toEqual({ method: 'percentage-of-answered-max', items: Array.from({ length: 10 }, (_, i) => `item-${i + 1}`), minAnswered: 8 });
    expect(fixture?.range).toEqual({ min: 0, max: 100 });
    for (const item of fixture?.items ?? []) {
      expect(item.answer.type === 'choice' && item.answer.options.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it('holds placeholder text only, never a real questionnaire wording', () => {
    for (const item of fixture?.items ?? []) {
      expect(item.text).toMatch(/^Item \d+$/);
      if (item.answer.type === 'choice') for (const o of item.answer.options) expect(o.label).toMatch(/^Option \d$/);
    }
  });

  it('scores sum / (5 × answered) × 100: 9 answered summing 27 is 27/45 × 100 = 60', () => {
    const answers = Object.fromEntries([3, 3, 3, 3, 3, 3, 3, 3, 3].map((v, i) => [`item-${i + 1}`, v]));
    expect(scoreResponse(fixture!, answers)).toMatchObject({ score: 60, answered: 9, valid: true });
  });
});
