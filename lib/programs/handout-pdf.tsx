import 'server-only';
import { Document, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer';
import { flagsOfTier, RED_FLAG_TIERS, TIER_GUIDE } from '@/lib/validation/symptoms';

// The home-exercise program as a PDF the patient can keep (emailed by "Send to patient"):
// the same content as the printed handout — each exercise with its dose, steps, what to
// feel and when to stop, the reading list, the portal address and the warning-sign guide
// worded from lib/validation/symptoms.ts. Built-in Helvetica: nothing is fetched.

export type HandoutExercise = { title: string; dosage: string; steps: string[]; feel: string; cautions: string[]; notes: string | null };
export type Handout = {
  practiceName: string;
  patientName: string;
  programTitle: string;
  startDate: string;
  goals: string | null;
  exercises: HandoutExercise[];
  reading: string[];
  portalUrl: string;
  emergencyNumber: string | null;
  severePainScore?: number;
};

const s = StyleSheet.create({
  page: { padding: 36, fontSize: 11, fontFamily: 'Helvetica', color: '#0f172a', lineHeight: 1.35 },
  practice: { fontSize: 10, color: '#475569' },
  title: { fontSize: 18, fontFamily: 'Helvetica-Bold', marginTop: 4 },
  sub: { fontSize: 11, color: '#334155', marginBottom: 10 },
  h2: { fontSize: 13, fontFamily: 'Helvetica-Bold', marginTop: 12, marginBottom: 4 },
  exercise: { marginBottom: 10, paddingBottom: 8, borderBottom: '1 solid #e2e8f0' },
  exTitle: { fontSize: 12, fontFamily: 'Helvetica-Bold' },
  dose: { fontSize: 11, color: '#115e59', fontFamily: 'Helvetica-Bold', marginBottom: 3 },
  line: { marginLeft: 8 },
  label: { fontFamily: 'Helvetica-Bold' },
  tier: { marginTop: 6, padding: 6, borderLeft: '3 solid #94a3b8', backgroundColor: '#f8fafc' },
  tierEmergency: { borderLeft: '3 solid #dc2626', backgroundColor: '#fef2f2' },
  tierSameDay: { borderLeft: '3 solid #f59e0b', backgroundColor: '#fffbeb' },
});

function HandoutDocument({ h }: { h: Handout }) {
  return (
    <Document title={`${h.programTitle} — ${h.patientName}`} author={h.practiceName} language="en">
      <Page size="A4" style={s.page}>
        <Text style={s.practice}>{h.practiceName}</Text>
        <Text style={s.title}>{h.programTitle}</Text>
        <Text style={s.sub}>For {h.patientName} · from {h.startDate}</Text>
        {h.goals && <Text>Goals: {h.goals}</Text>}
        <Text style={s.h2}>Your exercises</Text>
        {h.exercises.map((e, i) => (
          <View key={i} style={s.exercise} wrap={false}>
            <Text style={s.exTitle}>{i + 1}. {e.title}</Text>
            <Text style={s.dose}>{e.dosage}</Text>
            {e.steps.map((step, j) => (
              <Text key={j} style={s.line}>{j + 1}. {step}</Text>
            ))}
            <Text><Text style={s.label}>You should feel: </Text>{e.feel}</Text>
            {e.cautions.length > 0 && <Text><Text style={s.label}>Stop if: </Text>{e.cautions.join('; ')}</Text>}
            {e.notes && <Text><Text style={s.label}>From your physio: </Text>{e.notes}</Text>}
          </View>
        ))}
        {h.reading.length > 0 && (
          <View>
            <Text style={s.h2}>Reading in the portal</Text>
            {h.reading.map((r, i) => <Text key={i} style={s.line}>• {r}</Text>)}
          </View>
        )}
        <Text style={s.h2}>Log as you go</Text>
        <Text>Tick off your exercises and log pain and runs in the Loadline portal: {h.portalUrl}</Text>
        <View wrap={false}>
          <Text style={s.h2}>Warning signs: when to get help</Text>
          {RED_FLAG_TIERS.map((tier) => (
            <View key={tier} style={[s.tier, ...(tier === 'emergency' ? [s.tierEmergency] : tier === 'same-day' ? [s.tierSameDay] : [])]}>
              <Text style={s.label}>{TIER_GUIDE[tier].heading}:</Text>
              {flagsOfTier(tier, h.severePainScore).map((flag) => <Text key={flag.key} style={s.line}>• {flag.label}</Text>)}
              <Text>{TIER_GUIDE[tier].advice}</Text>
              {tier === 'emergency' && h.emergencyNumber && <Text style={s.label}>Emergency number: {h.emergencyNumber}</Text>}
            </View>
          ))}
        </View>
      </Page>
    </Document>
  );
}

/** The handout as PDF bytes. */
export async function handoutPdf(h: Handout): Promise<Buffer> {
  return renderToBuffer(<HandoutDocument h={h} />);
}
