// How a patient reaches help: their physio, the practice's phone, and the emergency number.
// Pure (no I/O): the portal's client components import the type and the server fills it.

export type CareContact = {
  physioName: string | null;
  practiceName: string;
  practicePhone: string | null;
  /** The practice's setting, else the number for its time zone where that is certain, else null. */
  emergencyNumber: string | null;
};

/** The emergency number for a time zone when we are sure of it; null otherwise (the text then says "your local emergency number"). */
export function emergencyNumberForTimeZone(timeZone: string): string | null {
  if (timeZone === 'Europe/London') return '999';
  if (timeZone === 'Europe/Dublin' || timeZone.startsWith('Europe/')) return '112';
  if (/^America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Toronto|Vancouver|Edmonton|Winnipeg|Halifax)$/.test(timeZone) || timeZone === 'Pacific/Honolulu') return '911';
  if (timeZone.startsWith('Australia/')) return '000';
  if (timeZone === 'Pacific/Auckland') return '111';
  return null;
}

/** A phone number as a tel: link target (digits and a leading +). */
export const telHref = (phone: string) => `tel:${phone.replace(/[^+0-9]/g, '')}`;
