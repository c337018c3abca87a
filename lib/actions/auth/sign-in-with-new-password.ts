import 'server-only';
import { AuthError } from 'next-auth';
import { unstable_rethrow } from 'next/navigation';
import { signIn } from '@/lib/auth';

/**
 * Signs in with a password that was just set through an invitation or reset link: Auth.js's
 * credentials sign-in, so the same checks as the sign-in form (throttling, two-factor) and a
 * new server-side session. On success this throws Next's redirect to "/", which sends a
 * patient to the portal and staff to the dashboard. Returns normally when the sign-in could
 * not be completed (a two-factor account, throttling): the caller then offers the sign-in page.
 * Not a server action: only setPasswordAction calls it, after the link has been used.
 */
export async function signInWithNewPassword(email: string, password: string): Promise<void> {
  try {
    await signIn('credentials', { email, password, code: '', redirectTo: '/' });
  } catch (error) {
    unstable_rethrow(error);
    if (!(error instanceof AuthError)) console.warn('Signing in after setting a password failed:', error instanceof Error ? error.message : error);
  }
}
