// The security headers of every page: a Content Security Policy with a fresh nonce per
// request (Next.js puts it on its own scripts when the proxy sets the CSP on the request),
// and the usual hardening headers. Applied by proxy.ts.

/** A fresh random nonce: 16 bytes, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * Scripts run only with this request's nonce ('strict-dynamic' lets those scripts load
 * Next's chunks). Styles allow 'unsafe-inline': React's style props, recharts and Next's
 * own inline styles need it, and CSS cannot run script.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every response the proxy handles (pages, server actions, route handlers). */
export function securityHeaders(csp: string, production = process.env.NODE_ENV === 'production'): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Pages carry patient data: never kept by shared caches or the browser's disk cache.
    'Cache-Control': 'private, no-store, max-age=0',
    ...(production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
