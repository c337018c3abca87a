import type { Metadata } from 'next';
import { Card } from '@/app/_components/ui';
import { getDb } from '@/db/client';
import { requirePageActor } from '@/lib/auth/require-actor';
import { enrolmentDetails, twoFactorStatus } from '@/lib/auth/two-factor';
import { AccountShell } from '../account-shell';
import { ConfirmTwoFactorForm, StartTwoFactorForm } from './two-factor-forms';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

// Set-up of two-factor sign-in for the signed-in account. Staff of a practice that requires
// it are sent here before anything else (requirePageActor), so this page is open to them.
export default async function TwoFactorPage() {
  const actor = await requirePageActor(undefined, { twoFactorSetup: true });
  const status = await twoFactorStatus(getDb(), actor);
  const enrolment = status.pendingSecret ? await enrolmentDetails(status.pendingSecret, actor.email) : null;
  return (
    <AccountShell actor={actor} title="Two-factor sign-in" back={{ href: '/account', label: 'Your account' }}>
      {actor.twoFactorSetupRequired && (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="two-factor-required">
          Your practice requires two-factor sign-in for staff. Set it up to continue.
        </p>
      )}
      {status.enabled ? (
        <Card className="space-y-2 text-sm">
          <p className="font-medium text-green-900" data-testid="two-factor-on">Two-factor sign-in is on.</p>
          <p className="text-slate-600">Signing in asks for a code from your authenticator app. Recovery codes left: {status.recoveryCodesLeft}.</p>
          <p className="text-slate-600">Lost your phone and your recovery codes? Ask an admin of your practice to reset your two-factor sign-in.</p>
        </Card>
      ) : enrolment && status.pendingSecret ? (
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">1. Scan this code with your authenticator app</h2>
          {/* The SVG is generated on the server by the qrcode library from our own otpauth:// address. */}
          <div className="h-56 w-56" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: enrolment.svg }} />
          <p className="text-sm text-slate-600">
            Or type this key into the app: <code className="break-all rounded bg-slate-100 px-1 font-mono" data-testid="totp-secret">{status.pendingSecret}</code>
          </p>
          <h2 className="text-lg font-semibold">2. Enter the 6-digit code it shows</h2>
          <ConfirmTwoFactorForm />
        </Card>
      ) : (
        <Card className="space-y-3 text-sm">
          <p className="text-slate-600">
            With two-factor sign-in, signing in needs your password and a 6-digit code from an authenticator app on your phone
            (for example Google Authenticator, Microsoft Authenticator or 1Password), so a stolen password alone is not enough.
          </p>
          <StartTwoFactorForm />
        </Card>
      )}
    </AccountShell>
  );
}
