import type { Role } from '@/db/schema';

/** Who is asking: built from the session and the user row on every request. */
export type Actor = {
  userId: string;
  practiceId: string;
  roles: Role[];
  /** Set only for patient accounts: the one patient record they may reach. */
  patientId: string | null;
  name: string;
  email: string;
  timeZone: string;
  distanceUnit: 'km' | 'mi';
  /** Staff of a practice that requires two-factor sign-in who have not enrolled yet: only enrolment is open to them. */
  twoFactorSetupRequired?: boolean;
  /** Request details kept for the audit trail. */
  ip: string | null;
  userAgent: string | null;
};
