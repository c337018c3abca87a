import { z } from 'zod';
import { COMMON_PASSWORDS } from './common-passwords';

// The password policy, stated on every form that sets a password (NIST SP 800-63B:
// length over composition rules, and a check against known-breached passwords).
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const PASSWORD_POLICY = [
  `At least ${PASSWORD_MIN} characters (a short sentence works well).`,
  'Not your email address or the part before the @.',
  'Not a common password such as "password1234".',
] as const;

/** Every way a password breaks the policy for this email; empty when it passes. */
export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN) problems.push(`Use at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) problems.push(`Use at most ${PASSWORD_MAX} characters`);
  const lower = password.toLowerCase();
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && lower.includes(localPart)) problems.push('Do not use your email address in the password');
  // "Password2024!" and "!!qwerty123" count as the common password inside them.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.trim()) || (core.length >= 4 && COMMON_PASSWORDS.has(core)) || /^(.)\1+$/.test(lower)) {
    problems.push('This password is too common: choose something harder to guess');
  }
  return problems;
}

/** The set-password form: the token from the link and the new password typed twice. */
export const setPasswordSchema = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not valid'),
    password: z.string().min(1, 'Enter a password').max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`),
    confirm: z.string().min(1, 'Type the password again'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords do not match' });

export type SetPasswordInput = z.infer<typeof setPasswordSchema>;
