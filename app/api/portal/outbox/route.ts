import { revalidatePatient } from '@/lib/actions/revalidate';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { errorResponse } from '@/app/api/admin/_lib/error-response';
import { isPatient } from '@/lib/access/policy';
import { fieldErrorsOf, unstorableText } from '@/lib/actions/result';
import { requireActor } from '@/lib/auth/require-actor';
import { setCompletion } from '@/lib/data/completions';
import { logPain, logSession } from '@/lib/data/entries';
import { AppError } from '@/lib/errors';
import { OUTBOX_FIELD_SCHEMAS, outboxRequestSchema } from '@/lib/offline/outbox-request';
import { isSameOriginRequest } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

// The portal's offline outbox sends here, one entry a request, when the connection is back
// (lib/offline/send.ts). Same checks and data functions as the server actions the forms use
// online: the entry's fields through the actions' zod schemas, the patient from the session,
// the idempotency key so a resent entry is stored once. Patients only.

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/** The fields through the server action's schema, and text the database could not keep, as runAction does. */
function validate<S extends z.ZodType>(schema: S, fields: Record<string, unknown>): { data: z.infer<S> } | { refused: Response } {
  const parsed = schema.safeParse(fields);
  const unstorable = unstorableText(fields);
  if (parsed.success && Object.keys(unstorable).length === 0) return { data: parsed.data };
  return { refused: json({ error: 'invalid', message: 'Please check the highlighted fields.', fieldErrors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...unstorable } }, 400) };
}

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request.headers)) return json({ error: 'forbidden', message: 'Cross-site request refused.' }, 403);
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) return json({ error: 'invalid', message: 'Send JSON.' }, 415);
  try {
    const actor = await requireActor();
    if (!isPatient(actor) || !actor.patientId) throw new AppError('forbidden');
    const envelope = outboxRequestSchema.safeParse(await request.json().catch(() => null));
    if (!envelope.success) return json({ error: 'invalid', message: 'Please check the highlighted fields.', fieldErrors: fieldErrorsOf(envelope.error) }, 400);
    const { kind, patientId, fields } = envelope.data;
    // Queued by another patient on this device: never written into this patient's record.
    if (patientId !== actor.patientId) return json({ error: 'conflict', message: 'This entry belongs to another sign-in.' }, 409);

    let duplicate: boolean;
    if (kind === 'tick') {
      const checked = validate(OUTBOX_FIELD_SCHEMAS.tick, fields);
      if ('refused' in checked) return checked.refused;
      duplicate = (await setCompletion(actor, checked.data)).duplicate;
    } else if (kind === 'pain') {
      const checked = validate(OUTBOX_FIELD_SCHEMAS.pain, fields);
      if ('refused' in checked) return checked.refused;
      duplicate = (await logPain(actor, checked.data)).duplicate;
    } else {
      const checked = validate(OUTBOX_FIELD_SCHEMAS.session, fields);
      if ('refused' in checked) return checked.refused;
      duplicate = (await logSession(actor, checked.data)).duplicate;
    }
    revalidatePatient(actor.patientId);
    return json({ ok: true, duplicate }, 200);
  } catch (error) {
    return errorResponse(error);
  }
}
