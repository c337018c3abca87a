'use client';

import { FormMessage, SubmitButton } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { useServerForm } from '@/app/_components/use-server-form';
import { resetTwoFactorAction } from '@/lib/actions/admin/reset-two-factor';

/** Two-factor sign-in of one account, and the admin's reset for a lost phone (audited). */
export function TwoFactorCard({ userId, name, on }: { userId: string; name: string; on: boolean }) {
  const reset = useServerForm(resetTwoFactorAction);
  const isOn = on && !reset.state?.ok;
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">Two-factor sign-in</h2>
      <p className="text-sm text-slate-600" data-testid="two-factor-state">
        {isOn
          ? `On: ${name} signs in with a code from an authenticator app. If they lost their phone and their recovery codes, reset it; they sign in with their password and set it up again.`
          : `Off for ${name}.`}
      </p>
      {reset.state?.ok && <p role="status" className="text-sm text-green-900">Reset. The change is recorded in the audit log.</p>}
      <FormMessage state={reset.state} />
      {isOn && (
        <form action={reset.formAction}>
          <input type="hidden" name="userId" value={userId} />
          <SubmitButton variant="danger" pendingLabel="Resetting…">Reset two-factor sign-in</SubmitButton>
        </form>
      )}
    </Card>
  );
}
