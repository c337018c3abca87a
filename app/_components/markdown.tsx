import ReactMarkdown, { type Components } from 'react-markdown';
import { splitAtDirective } from '@/lib/content/directive';
import type { PainMonitoringLimits } from '@/lib/analytics/pain-monitoring';
import { PainMonitoringRule } from './pain-monitoring-rule';
import { WhenToGetHelp } from './when-to-get-help';

const components: Components = {
  h2: ({ children }) => <h2 className="pt-3 text-xl font-semibold text-slate-900">{children}</h2>,
  h3: ({ children }) => <h3 className="pt-2 text-lg font-semibold text-slate-900">{children}</h3>,
  ul: ({ children }) => <ul className="list-disc space-y-1 pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="list-decimal space-y-1 pl-6">{children}</ol>,
  a: ({ children, href }) => (
    <a href={href} className="text-brand-700 underline">
      {children}
    </a>
  ),
  strong: ({ children }) => <strong className="font-semibold text-slate-900">{children}</strong>,
};

// Library texts are our own Markdown; raw HTML in them is ignored (react-markdown's default).
// A line that is exactly `::when-to-get-help` becomes the tiered warning-sign guide, and
// `::pain-monitoring-rule` the pain-monitoring rule with the practice's limits.
export function Markdown({ children, emergencyNumber, severePainScore, painLimits }: { children: string; emergencyNumber?: string | null; severePainScore?: number; painLimits?: PainMonitoringLimits }) {
  return (
    <div className="space-y-3 text-base leading-relaxed text-slate-800">
      {splitAtDirective(children).map((part, i) =>
        part.kind === 'when-to-get-help' ? (
          <WhenToGetHelp key={i} emergencyNumber={emergencyNumber} severePainScore={severePainScore} />
        ) : part.kind === 'pain-monitoring-rule' ? (
          <PainMonitoringRule key={i} limits={painLimits} />
        ) : (
          <ReactMarkdown key={i} components={components}>
            {part.text}
          </ReactMarkdown>
        ),
      )}
    </div>
  );
}
