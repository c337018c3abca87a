import ReactMarkdown from 'react-markdown';

// Library texts are our own Markdown; raw HTML in them is ignored (react-markdown's default).
export function Markdown({ children }: { children: string }) {
  return (
    <div className="space-y-3 text-base leading-relaxed text-slate-800">
      <ReactMarkdown
        components={{
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
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
