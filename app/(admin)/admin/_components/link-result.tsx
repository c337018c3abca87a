'use client';

import { useState } from 'react';

/**
 * The one-time link an invite or reset produced, to copy when it was not emailed; the message
 * says plainly whether it was emailed. An emailed invitation comes back without its link (it
 * goes to the invitee's inbox only), and then there is nothing to copy.
 */
export function LinkResult({ url, emailed, email, purpose }: { url: string | null; emailed: boolean; email?: string | undefined; purpose: 'invite' | 'reset' }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const what = purpose === 'invite' ? 'Invitation link' : 'Password reset link';
  return (
    <div role="status" className="space-y-2 rounded-xl bg-green-50 p-4 ring-1 ring-green-200" data-testid="access-link">
      <p className="text-sm font-semibold text-green-900">
        {emailed ? `${what} emailed${email ? ` to ${email}` : ''}.` : `${what} created. It has not been emailed: copy it and send it to ${email ?? 'them'} yourself.`}
      </p>
      {url === null ? (
        <p className="text-xs text-slate-700">The link went to their inbox only. It works once and expires in 7 days; issuing a new one makes it stop working.</p>
      ) : (
        <>
          <div className="flex flex-wrap gap-2">
            <label className="sr-only" htmlFor="access-link-url">
              {what}
            </label>
            <input
              id="access-link-url"
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
              className="min-h-11 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 font-mono text-sm"
              data-testid="access-link-url"
            />
            <button type="button" onClick={copy} className="min-h-11 rounded-lg bg-white px-4 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p className="text-xs text-slate-700">The link works once and expires in 7 days. Issuing a new one makes this one stop working.</p>
        </>
      )}
    </div>
  );
}
