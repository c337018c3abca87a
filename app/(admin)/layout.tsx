import { StaffShell } from '@/app/_components/app-shell';
import { requirePageActor } from '@/lib/auth/require-actor';
import { AdminNav } from './admin/_components/admin-nav';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('user:manage');
  return (
    <StaffShell actor={actor}>
      <AdminNav />
      {children}
    </StaffShell>
  );
}
