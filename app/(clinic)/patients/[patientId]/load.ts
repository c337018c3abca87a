import { notFound } from 'next/navigation';
import { z } from 'zod';
import type { Actor } from '@/lib/access/actor';
import { isAppError } from '@/lib/errors';

/** Load by id from the URL: a malformed id or a record the actor cannot reach is a 404 page. */
export async function patientOr404<T>(actor: Actor, id: string, load: (actor: Actor, id: string) => Promise<T>): Promise<T> {
  if (!z.uuid().safeParse(id).success) notFound();
  return load(actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
}
