// Coded errors thrown by the data layer and turned into results by server actions.
// Cross-practice and foreign records answer not_found so existence never leaks.
export type ErrorCode = 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'invalid' | 'rate_limited';

const defaultMessages: Record<ErrorCode, string> = {
  unauthenticated: 'Please sign in again.',
  forbidden: 'You do not have access to this.',
  not_found: 'Not found.',
  conflict: 'Someone else changed this first. Reload to see their version.',
  invalid: 'Please check the highlighted fields.',
  rate_limited: 'Too many attempts. Please wait a few minutes and try again.',
};

export const httpStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  rate_limited: 429,
};

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? defaultMessages[code]);
  }
}

export const notFound = (what = 'Not found.') => new AppError('not_found', what);
export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
