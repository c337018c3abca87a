'use server';

import { formDataToObject, runAction, type ActionResult } from '@/lib/actions/result';
import { completeExerciseAction } from '@/lib/actions/entries/complete-exercise';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { correctSessionAction } from '@/lib/actions/entries/correct-session';
import { logPainAnswer, logSessionAnswer } from '@/lib/actions/entries/log-answers';
import { painReportSchema, trainingSessionSchema } from '@/lib/validation/entries';
import { fieldText, type FormValues } from '@/lib/actions/form-values';
import { painSavedFrom, sessionSavedFrom, type PainSaved, type SessionSaved, type TickSaved } from './portal-entry-types';

// The portal forms' server actions, in useActionState's shape: the shared entry actions
// (same validation, the patient from the session, idempotency keys), answering with what
// the form shows after a save. Posted as plain forms too, before or without JavaScript.
//
// A new pain log or session answers with its result only: nothing on the Log page shows past
// entries, and re-rendering the page in the answer (what revalidating does) was two fifths of
// a log's server time. Pages opened afterwards are rendered fresh; a page brought back by the
// browser's Back button is refreshed by the portal layout (offline-portal.tsx). Corrections and
// ticks change the page they are made on, so they still re-render it.
//
// Each takes the form as FormData (posted without JavaScript) or as its fields (formFields):
// hydrated forms send the fields, which React encodes as text instead of multipart form data,
// and Next.js reads a text body for less (offline-form.ts).

/** What a portal form sends: FormData, or its fields. */
type Sent = FormData | FormValues;

export async function portalLogPainAction(_prev: ActionResult<PainSaved> | null, form: Sent): Promise<ActionResult<PainSaved>> {
  const logged = await runAction(painReportSchema, form, async (actor, data) => (await logPainAnswer(actor, data)).answer);
  if (!logged.ok) return logged;
  return { ok: true, data: { score: Number(fieldText(formDataToObject(form), 'score')), redFlags: logged.data.redFlags, safety: logged.data.safety, queued: false } };
}

export async function portalCorrectPainAction(prev: ActionResult<PainSaved> | null, form: Sent): Promise<ActionResult<PainSaved>> {
  const corrected = await correctPainAction(prev, form);
  if (!corrected.ok) return corrected;
  return { ok: true, data: painSavedFrom(formDataToObject(form), corrected.data.safety, false) };
}

function withRpeHint<T>(result: ActionResult<T>, form: Sent): ActionResult<T> {
  if (!result.ok && !fieldText(formDataToObject(form), 'rpe') && result.fieldErrors.rpe) result.fieldErrors.rpe = ['Choose how hard it was, from 0 to 10'];
  return result;
}

export async function portalLogSessionAction(_prev: ActionResult<SessionSaved> | null, form: Sent): Promise<ActionResult<SessionSaved>> {
  const logged = withRpeHint(await runAction(trainingSessionSchema, form, async (actor, data) => (await logSessionAnswer(actor, data)).answer), form);
  if (!logged.ok) return logged;
  // A logged session comes back with its pain-monitoring verdict so far.
  const { tolerance, limits, notTolerated } = logged.data;
  return { ok: true, data: sessionSavedFrom(formDataToObject(form), { tolerance, limits, notTolerated }, false) };
}

export async function portalCorrectSessionAction(prev: ActionResult<SessionSaved> | null, form: Sent): Promise<ActionResult<SessionSaved>> {
  const corrected = withRpeHint(await correctSessionAction(prev, form), form);
  if (!corrected.ok) return corrected;
  return { ok: true, data: sessionSavedFrom(formDataToObject(form), null, false) };
}

export async function portalTickAction(prev: ActionResult<TickSaved> | null, form: Sent): Promise<ActionResult<TickSaved>> {
  const ticked = await completeExerciseAction(prev, form);
  if (!ticked.ok) return ticked;
  return { ok: true, data: { done: ticked.data.done, queued: false } };
}
