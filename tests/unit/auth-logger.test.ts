// Auth.js's logger as the app sets it: a refused sign-in is not logged as an error (it is in
// sign_in_attempts and the audit trail); every other error is, with its stack.
// next-auth re-exports these classes; its entry point needs Next.js's runtime, so the test takes them from Auth.js's core.
import { CallbackRouteError, CredentialsSignin } from '@auth/core/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authConfig, authLogger } from '@/lib/auth/config';

afterEach(() => vi.restoreAllMocks());

describe('authLogger', () => {
  it('is the logger of the Auth.js config the app and the proxy share', () => {
    expect(authConfig.logger).toBe(authLogger);
  });

  it('says nothing of a refused sign-in, its own kinds (throttled, two-factor) included', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    class Throttled extends CredentialsSignin {
      override code = 'throttled';
    }
    authLogger.error(new CredentialsSignin());
    authLogger.error(new Throttled());
    expect(printed).not.toHaveBeenCalled();
  });

  it('logs any other error whole, an Auth.js error of another kind included', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const fault = new Error('connection refused');
    const callback = new CallbackRouteError('authorize failed');
    authLogger.error(fault);
    authLogger.error(callback);
    expect(printed.mock.calls).toEqual([['[auth][error]', fault], ['[auth][error]', callback]]);
  });
});
