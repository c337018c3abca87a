import { WHEN_TO_GET_HELP_DIRECTIVE } from '@/lib/validation/symptoms';

// Content Markdown may hold lines the renderer replaces with a component worded from one
// home, so a text never restates what the code decides:
// - `::when-to-get-help`: the tiered warning-sign guide (app/_components/when-to-get-help.tsx);
// - `::pain-monitoring-rule`: the pain-monitoring rule with the practice's limits
//   (app/_components/pain-monitoring-rule.tsx, from lib/analytics/pain-monitoring.ts).
// Pure, no I/O.

export const PAIN_MONITORING_RULE_DIRECTIVE = '::pain-monitoring-rule';

const DIRECTIVES = { [WHEN_TO_GET_HELP_DIRECTIVE]: 'when-to-get-help', [PAIN_MONITORING_RULE_DIRECTIVE]: 'pain-monitoring-rule' } as const;
export type DirectiveKind = (typeof DIRECTIVES)[keyof typeof DIRECTIVES];
export type BodyPart = { kind: 'markdown'; text: string } | { kind: 'when-to-get-help' } | { kind: 'pain-monitoring-rule' };

const directiveOf = (line: string): DirectiveKind | null => {
  const trimmed = line.trim();
  return Object.hasOwn(DIRECTIVES, trimmed) ? DIRECTIVES[trimmed as keyof typeof DIRECTIVES] : null;
};

/** The body split at lines that are exactly a directive; empty Markdown runs are left out. */
export function splitAtDirective(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let run: string[] = [];
  const flush = () => {
    const text = run.join('\n').trim();
    if (text) parts.push({ kind: 'markdown', text });
    run = [];
  };
  for (const line of body.split(/\r?\n/)) {
    const kind = directiveOf(line);
    if (kind) {
      flush();
      parts.push({ kind });
    } else {
      run.push(line);
    }
  }
  flush();
  return parts;
}

/** How many lines of the body are the given directive (by default the warning-sign guide). */
export const countDirectives = (body: string, directive: string = WHEN_TO_GET_HELP_DIRECTIVE) => body.split(/\r?\n/).filter((line) => line.trim() === directive).length;

/** The body without its directive lines: the text a reader sees besides the components. */
export const withoutDirectives = (body: string) =>
  body
    .split(/\r?\n/)
    .filter((line) => directiveOf(line) === null)
    .join('\n');
