import type { NextRequest } from 'next/server';
import { requireActor } from '@/lib/auth/require-actor';
import { exportAuditEvents } from '@/lib/data/audit-log';
import { toCsv } from '@/lib/export/csv';
import { auditActionLabel } from '@/lib/audit/actions';
import { auditListParams, firstValues } from '@/lib/validation/admin';
import { errorResponse, localDateTime } from '../_lib/error-response';

export const dynamic = 'force-dynamic';

/** The audit log as CSV, with the same filters as /admin/audit. Admins only; the download is audited. */
export async function GET(request: NextRequest) {
  try {
    const actor = await requireActor();
    const params = auditListParams.parse(firstValues(request.nextUrl.searchParams));
    const { rows } = await exportAuditEvents(actor, { personId: params.person, patientId: params.patient, action: params.action, from: params.from, to: params.to });
    const csv = toCsv(
      rows.map((r) => ({
        timeUtc: r.createdAt,
        timeLocal: localDateTime(r.createdAt, actor.timeZone),
        action: r.action,
        description: auditActionLabel(r.action),
        actorName: r.actorName,
        actorEmail: r.actorEmail,
        account: r.subjectName,
        patient: r.patientName,
        patientId: r.patientId,
        entity: r.entity,
        entityId: r.entityId,
        ip: r.ip,
        userAgent: r.userAgent,
        details: r.meta,
      })),
      ['timeUtc', 'timeLocal', 'action', 'description', 'actorName', 'actorEmail', 'account', 'patient', 'patientId', 'entity', 'entityId', 'ip', 'userAgent', 'details'],
    );
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(`\uFEFF${csv}`, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-log-${stamp}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
