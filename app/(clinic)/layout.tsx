import { StaffShell } from '@/app/_components/app-shell';
import { requirePageActor } from '@/lib/auth/require-actor';

// Clinician pages: physios (and admins for the patient list). Each page checks its own permission too.
export default async function ClinicLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('patient:list');
  return <StaffShell actor={actor}>{children}</StaffShell>;
}
