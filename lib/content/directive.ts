import { WHEN_TO_GET_HELP_DIRECTIVE } from '@/lib/validation/symptoms';

// Content Markdown may hold the `::when-to-get-help` line, which the renderer replaces with
// the tiered warning-sign guide (app/_components/when-to-get-help.tsx). Pure, no I/O.

export type BodyPart = { kind: 'markdown'; text: string } | { kind: 'when-to-get-help' };

const isDirective = (line: string) => line.trim() === WHEN_TO_GET_HELP_DIRECTIVE;

/** The body split at lines that are exactly the directive; empty Markdown runs are left out. */
export function splitAtDirective(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let run: string[] = [];
  const flush = () => {
    const text = run.join('\n').trim();
    if (text) parts.push({ kind: 'markdown', text });
    run = [];
  };
  for (const line of body.split(/\r?\n/)) {
    if (isDirective(line)) {
      flush();
      parts.push({ kind: 'when-to-get-help' });
    } else {
      run.push(line);
    }
  }
  flush();
  return parts;
}

/** How many lines of the body are the directive. */
export const countDirectives = (body: string) => body.split(/\r?\n/).filter(isDirective).length;

/** The body without its directive lines: the text a reader sees besides the guide. */
export const withoutDirectives = (body: string) =>
  body
    .split(/\r?\n/)
    .filter((line) => !isDirective(line))
    .join('\n');
