import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/require-actor';
import { EXPORT_FORMATS, EXPORT_PARTS, exportPatientContact, exportPatientData } from '@/lib/data/patient-export';
import { toFhirBundle } from '@/lib/export/fhir';
import { exportFileBase, patientArchive } from '@/lib/export/patient-archive';
import { errorResponse } from '../../../_lib/error-response';

export const dynamic = 'force-dynamic';

const query = z.object({ format: z.enum(EXPORT_FORMATS).catch('zip'), part: z.enum(EXPORT_PARTS).catch('full') });

/**
 * Everything the practice holds on one patient: ?format=zip (default: JSON + CSV + FHIR),
 * json, or fhir (a FHIR R4 Bundle). Admins and the treating physio; every download is audited.
 * ?part=full (default) is the clinical record, for clinical roles (a practice manager gets
 * 403); ?part=contact is identity, contact and account data only.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ patientId: string }> }) {
  try {
    const actor = await requireActor();
    const { patientId } = await params;
    if (!z.uuid().safeParse(patientId).success) return Response.json({ error: 'not_found', message: 'Patient not found.' }, { status: 404 });
    const { format, part } = query.parse({ format: request.nextUrl.searchParams.get('format') ?? undefined, part: request.nextUrl.searchParams.get('part') ?? undefined });
    const data = await (part === 'contact' ? exportPatientContact : exportPatientData)(actor, patientId, format);
    const base = exportFileBase(data);
    const headers = (type: string, ext: string) => ({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${base}${ext}"`, 'Cache-Control': 'no-store' });
    if (format === 'json') return new Response(JSON.stringify(data, null, 2), { headers: headers('application/json; charset=utf-8', '.json') });
    if (format === 'fhir') return new Response(JSON.stringify(toFhirBundle(data), null, 2), { headers: headers('application/fhir+json; charset=utf-8', '-fhir.json') });
    return new Response(Buffer.from(patientArchive(data)), { headers: headers('application/zip', '.zip') });
  } catch (error) {
    return errorResponse(error);
  }
}
