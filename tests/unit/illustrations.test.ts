import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';

// Issue 20: every exercise drawing is two labelled panels (START/END, or 1/2 for a sequence)
// in a 2:1 viewBox, titled with the exercise's name, and safe to serve (no scripts, no
// foreignObject, no external references). Checked on the files themselves, not via the loader.
const dir = path.join(process.cwd(), 'content', 'exercises');
const exercises = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => {
    const data = matter(readFileSync(path.join(dir, f), 'utf8'), {}).data as { slug: string; title: string; illustration: string };
    const svgFile = path.join(dir, `${data.slug}.svg`);
    return { ...data, svgFile, svg: existsSync(svgFile) ? readFileSync(svgFile, 'utf8') : null };
  });
const figures = exercises.filter((e) => e.illustration === 'figure');

/** A small well-formedness check: every tag closes in order, attributes are quoted, one root. */
function wellFormed(xml: string): string | null {
  const body = xml.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    if (/[<>]/.test(between)) return `stray markup before <${m[2]}>`;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(between)) return 'unescaped &';
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) return `</${name}> closes the wrong element`;
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name!);
    }
  }
  if (/[<>]/.test(body.slice(last))) return 'stray markup at the end';
  if (stack.length) return `<${stack.at(-1)}> is never closed`;
  return roots === 1 ? null : `${roots} root elements`;
}

const textsOf = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.trim());

describe('exercise illustrations', () => {
  it('covers the library', () => {
    expect(figures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(figures.map((e) => [e.slug, e] as const))('%s: exists, parses and is a safe 2:1 svg', (_slug, e) => {
    expect(e.svg, `${e.slug}.svg is missing`).not.toBeNull();
    const svg = e.svg!;
    expect(wellFormed(svg)).toBeNull();
    const root = svg.match(/<svg\b[^>]*>/)?.[0] ?? '';
    expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(root).toMatch(/role="img"/);
    expect(root).toMatch(/aria-labelledby="t( d)?"/);
    const viewBox = root.match(/viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/);
    expect(viewBox, 'viewBox').not.toBeNull();
    expect(Number(viewBox![1]) / Number(viewBox![2])).toBe(2);
    expect(svg).not.toMatch(/<script|<foreignObject|<image|<use\b|<style|@import/i);
    expect(svg).not.toMatch(/\son\w+\s*=/i);
    expect(svg).not.toMatch(/(?:xlink:)?href\s*=/i);
    expect(svg).not.toMatch(/url\(\s*['"]?(?!#)/i);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  });

  it.each(figures.map((e) => [e.slug, e] as const))('%s: titled with the exercise and labelled START/END or 1/2', (_slug, e) => {
    const svg = e.svg ?? '';
    const title = svg.match(/<title id="t">([^<]+)<\/title>/)?.[1] ?? '';
    expect(title.replace(/&#39;|&apos;/g, "'").toLowerCase().startsWith(e.title.toLowerCase())).toBe(true);
    expect(svg).toMatch(/<desc id="d">[^<]{20,}<\/desc>/);
    const labels = textsOf(svg);
    const startEnd = labels.includes('START') && labels.includes('END');
    const numbered = labels.some((t) => /^1\b/.test(t)) && labels.some((t) => /^2\b/.test(t));
    expect(startEnd || numbered, `labels: ${labels.join(', ')}`).toBe(true);
  });

  it.each(figures.map((e) => [e.slug, e] as const))('%s: text is large enough to read (at least 12 px at 400 px wide)', (_slug, e) => {
    const svg = e.svg ?? '';
    const width = Number(svg.match(/viewBox="0 0 (\d+(?:\.\d+)?)/)?.[1] ?? 400);
    for (const m of svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)) expect((Number(m[1]) * 400) / width).toBeGreaterThanOrEqual(12);
    expect(svg).not.toMatch(/font-family="(?!sans-serif")/);
  });
});
