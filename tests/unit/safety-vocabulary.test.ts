import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/app/_components/markdown';
import { WhenToGetHelp } from '@/app/_components/when-to-get-help';
import { countDirectives, splitAtDirective, withoutDirectives } from '@/lib/content/directive';
import { loadLibrary } from '@/lib/content/loader';
import { flagsOfTier, RED_FLAG_TIERS, TIER_GUIDE, WHEN_TO_GET_HELP_DIRECTIVE } from '@/lib/validation/symptoms';

// Warning-sign wording has one source, lib/validation/symptoms.ts. Content embeds it with the
// `::when-to-get-help` line and must not state a rule of its own anywhere else.

const root = process.cwd();
const library = loadLibrary(path.join(root, 'content'));

/** Phrases that state which warning sign needs which response. Content outside the directive may not use them. */
const REFUSED: readonly RegExp[] = [
  /cauda|equina/i,
  /saddle[- ](area|region|numb)|numb[^.]{0,60}\bsaddle\b/i, // a bike's saddle is fine
  /bladder|bowel|incontinen/i,
  /genital|groin|inner thigh|around (your|the) bottom/i,
  /sexual/i,
  /both legs|leg weakness|weakness in (your|a|one|the) legs?\b[^.]*\b(today|now|urgent)/i,
  /(pain|spread\w*|travel\w*)[^.]{0,20}below (the|your) knee/i, // not "hold the leg just below the knee"
  /fever|high temperature/i,
  /weight loss|losing weight|weight (that )?you cannot explain/i,
  /emergency|urgent|\bA ?& ?E\b|accident and emergency|ambulance|medical (help|attention|care)/i,
  /(?<![\d,.])(999|911|112|000|111)(?![\d,]|\.\d)/, // emergency numbers, not "5,000 steps"
  /(numb|tingl|pins and needles|weak)[^.]*\b(today|urgent\w*|straight away|immediately|right away)\b/i,
  /\b(today|urgent\w*|immediately|right away)\b[^.]*(numb|tingl|pins and needles|weakness)/i,
  /\b(contact|call|phone|ring|message|see|speak to)\b[^.]{0,40}\b(today|same day|same-day)\b/i,
];

/**
 * Signs the vocabulary does not cover yet (it lists back and leg signs only). Allowed verbatim,
 * in this one wording, until symptoms.ts gains them; any other wording is refused above.
 */
const OUTSIDE_VOCABULARY: readonly string[] = [
  'Call the emergency number now if upper back pain comes with chest pain, tightness or pressure, shortness of breath, pain spreading into your arm or jaw, or sweating and feeling faint or very unwell.',
];

const refusedIn = (text: string) => {
  const rest = OUTSIDE_VOCABULARY.reduce((t, allowed) => t.split(allowed).join(' '), withoutDirectives(text));
  return REFUSED.filter((re) => re.test(rest)).map(String);
};

/** Every text a reader sees, with where it comes from. */
function contentTexts(): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = [];
  const add = (where: string, ...parts: (string | null | undefined)[]) => parts.forEach((text, i) => text && texts.push({ where: `${where}#${i}`, text }));
  for (const a of library.articles) add(`education/${a.slug}`, a.title, a.summary, a.body);
  for (const t of library.templates) {
    add(`programs/${t.slug}`, t.title, t.summary, t.body, ...t.goals);
    t.items.forEach((item, i) => add(`programs/${t.slug} items.${i}`, item.notes));
  }
  for (const e of library.exercises) add(`exercises/${e.slug}`, e.title, e.summary, e.feel, e.body, ...e.steps, ...e.cautions);
  return texts;
}

describe('one source of warning-sign wording', () => {
  it('puts the directive exactly once in every article and every program template', () => {
    const bodies = [...library.articles.map((a) => [`education/${a.slug}`, a.body]), ...library.templates.map((t) => [`programs/${t.slug}`, t.body])];
    expect(bodies.filter(([, body]) => countDirectives(body!) !== 1).map(([where]) => where)).toEqual([]);
  });

  it('refuses the kinds of sentences the content used to restate', () => {
    // Taken from the content before it used the directive: each must be refused.
    const old = [
      'Seek urgent care straight away at an emergency department if you have numbness around your bottom or genitals, new problems with your bladder or bowel, or leg weakness that is quickly getting worse.',
      'Contact your physio today if you have pain spreading below your knee, numbness or tingling in your leg, leg weakness, or a fever or unexplained weight loss with your back pain.',
      'Contact your physio today if you develop pain spreading below the knee, numbness or tingling in your leg, or leg weakness.',
      'Contact your physio or doctor today if you have a fever or unexplained weight loss with back pain, or numbness, tingling or weakness in your arms or legs.',
      'Get medical help straight away if you notice numbness around your groin or bottom, or any change in bladder or bowel control.',
      'If you notice numbness around your bottom or genitals, new bladder or bowel problems, or leg weakness, seek urgent care straight away.',
      'Call or message your physio on the same day, and do not run until you have spoken to them.',
      '**leg weakness that is quickly getting worse**, or weakness in both legs',
      'Go to an emergency department straight away, or call emergency services, if you have:',
      'pain spreads below your knee, or you notice numbness, tingling or weakness in your leg: contact your physio today',
      'Upper back pain with chest pain, shortness of breath, or pain spreading into your arm or jaw needs emergency help straight away; call emergency services.',
    ];
    for (const sentence of old) expect(refusedIn(sentence), sentence).not.toEqual([]);
    // Ordinary exercise advice and a bike's saddle are not warning-sign rules.
    for (const fine of ['Stop if you feel sharp pain, or pain, numbness or tingling that spreads down your leg.', 'Set the saddle so your knee is only slightly bent.', 'a brief twinge that goes away straight away']) {
      expect(refusedIn(fine), fine).toEqual([]);
    }
  });

  it('has no text in content/ outside the directive that states a warning-sign rule', () => {
    const offences = contentTexts().flatMap(({ where, text }) => refusedIn(text).map((re) => `${where}: ${re}`));
    expect(offences).toEqual([]);
  });

  it('keeps cauda-equina wording out of app/ and lib/ source except the vocabulary', () => {
    const allowed = new Set(['lib/validation/symptoms.ts']);
    const files = (dir: string): string[] =>
      readdirSync(path.join(root, dir)).flatMap((name) => {
        const rel = `${dir}/${name}`;
        if (statSync(path.join(root, rel)).isDirectory()) return files(rel);
        return /\.(ts|tsx|js|mjs)$/.test(name) ? [rel] : [];
      });
    const offences = [...files('app'), ...files('lib')].filter((f) => !allowed.has(f) && /saddle|bladder|bowel|cauda/i.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offences).toEqual([]);
  });
});

describe('the rendered guide', () => {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

  it('shows every flag of every tier, emergency first, with its heading and advice', () => {
    const html = renderToStaticMarkup(createElement(WhenToGetHelp, { severePainScore: 7 }));
    expect(html).toContain('data-testid="when-to-get-help"');
    expect(html).toContain('aria-label=');
    const positions = RED_FLAG_TIERS.map((tier) => html.indexOf(escape(TIER_GUIDE[tier].heading)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const tier of RED_FLAG_TIERS) {
      expect(html).toContain(escape(TIER_GUIDE[tier].advice));
      for (const flag of flagsOfTier(tier, 7)) expect(html, flag.key).toContain(escape(flag.label));
    }
    expect(html).toContain('7 or more out of 10');
  });

  it('links the emergency number when one is given', () => {
    const html = renderToStaticMarkup(createElement(WhenToGetHelp, { emergencyNumber: '999', compact: true }));
    expect(html).toContain('href="tel:999"');
  });

  it('renders in place of the directive line in Markdown', () => {
    const body = `## Before\n\nFirst paragraph.\n\n${WHEN_TO_GET_HELP_DIRECTIVE}\n\nLast paragraph.`;
    expect(splitAtDirective(body).map((p) => p.kind)).toEqual(['markdown', 'when-to-get-help', 'markdown']);
    const html = renderToStaticMarkup(createElement(Markdown, null, body));
    expect(html).not.toContain(WHEN_TO_GET_HELP_DIRECTIVE);
    const [first, guide, last] = ['First paragraph.', 'data-testid="when-to-get-help"', 'Last paragraph.'].map((s) => html.indexOf(s));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(guide).toBeGreaterThan(first!);
    expect(last).toBeGreaterThan(guide!);
    expect(html).toContain('<h2');
    for (const flag of flagsOfTier('emergency')) expect(html).toContain(escape(flag.label));
  });

  it('leaves a line that only mentions the directive inside other text alone', () => {
    expect(splitAtDirective(`See ${WHEN_TO_GET_HELP_DIRECTIVE} here.`)).toEqual([{ kind: 'markdown', text: `See ${WHEN_TO_GET_HELP_DIRECTIVE} here.` }]);
  });
});
