import { createHash } from 'node:crypto';
import { sessionLoad } from '@/lib/analytics/load';
import { getMeasure, type Measure } from '@/lib/content/measures';
import type { PatientExport } from '@/lib/data/patient-export';
import { SCREENING_KEYS, screeningLabel } from '@/lib/validation/screening';

// A patient's record as a FHIR R4 Bundle (type "collection"): the Patient, one
// Observation per pain score (LOINC 72514-3, 0-10 numeric rating), one Observation per
// training session (duration, distance, RPE and session load as components), one
// CarePlan per program with its exercises as activities and one Flag per positive item of
// the red-flag history screened at intake, and for outcome measures a Questionnaire per
// instrument (from its content file), a QuestionnaireResponse per submitted response and
// an Observation for each score. Pure: no I/O (the instrument files are read once, cached).

const UCUM = 'http://unitsofmeasure.org';
const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const FLAG_CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';
const LOADLINE = 'https://loadline.dev/fhir';

type Resource = { resourceType: string; id: string } & Record<string, unknown>;
export type FhirBundle = {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Resource }[];
};

const quantity = (value: number, unit: string, code: string) => ({ value, unit, system: UCUM, code });
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

function patientResource(data: PatientExport): Resource {
  const p = data.patient;
  const telecom = [
    ...(p.email ? [{ system: 'email', value: p.email, use: 'home' }] : []),
    ...(p.phone ? [{ system: 'phone', value: p.phone }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ system: `${LOADLINE}/patient-id`, value: p.id }],
    active: p.status === 'active',
    name: [{ use: 'official', family: p.lastName, given: [p.firstName], text: `${p.firstName} ${p.lastName}` }],
    ...(telecom.length && { telecom }),
    ...(p.dateOfBirth && { birthDate: p.dateOfBirth }),
    ...(data.practice && { managingOrganization: { display: data.practice.name } }),
  };
}

function painObservation(r: PatientExport['painReports'][number], patientRef: string): Resource {
  const notes = [r.notes, r.symptoms.length ? `Symptoms: ${r.symptoms.join(', ')}` : null, r.locations.length ? `Locations: ${r.locations.join(', ')}` : null, r.voidReason ? `Voided: ${r.voidReason}` : null].filter(Boolean);
  return {
    resourceType: 'Observation',
    id: r.id,
    status: r.voidedAt ? 'entered-in-error' : 'final',
    category: [{ coding: [{ system: OBS_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' }], text: 'Pain score (0-10)' },
    subject: { reference: patientRef },
    effectiveDateTime: iso(r.reportedAt),
    issued: iso(r.createdAt),
    valueQuantity: quantity(r.score, '{score}', '{score}'),
    ...(notes.length && { note: notes.map((text) => ({ text })) }),
  };
}

function sessionObservation(s: PatientExport['trainingSessions'][number], patientRef: string): Resource {
  const component = [
    { code: { coding: [{ system: `${LOADLINE}/training`, code: 'activity' }], text: 'Activity' }, valueCodeableConcept: { coding: [{ system: `${LOADLINE}/activity`, code: s.activity }], text: s.activity } },
    { code: { coding: [{ system: `${LOADLINE}/training`, code: 'duration' }], text: 'Duration' }, valueQuantity: quantity(s.durationMin, 'min', 'min') },
    ...(s.distanceKm !== null ? [{ code: { coding: [{ system: `${LOADLINE}/training`, code: 'distance' }], text: 'Distance' }, valueQuantity: quantity(round(s.distanceKm, 3), 'km', 'km') }] : []),
    // An imported run the patient has not rated has no RPE (and no load) yet.
    ...(s.rpe !== null ? [{ code: { coding: [{ system: `${LOADLINE}/training`, code: 'rpe' }], text: 'Session RPE (CR-10)' }, valueQuantity: quantity(s.rpe, '{score}', '{score}') }] : []),
    { code: { coding: [{ system: `${LOADLINE}/training`, code: 'session-load' }], text: 'Session load (duration x RPE)' }, valueQuantity: quantity(round(sessionLoad(s), 1), 'AU', "[arb'U]") },
    ...(s.painDuring !== null ? [{ code: { coding: [{ system: `${LOADLINE}/training`, code: 'pain-during' }], text: 'Pain during session (0-10)' }, valueQuantity: quantity(s.painDuring, '{score}', '{score}') }] : []),
  ];
  const notes = [s.notes, s.terrain ? `Terrain: ${s.terrain}` : null, s.voidReason ? `Voided: ${s.voidReason}` : null].filter(Boolean);
  return {
    resourceType: 'Observation',
    id: s.id,
    status: s.voidedAt ? 'entered-in-error' : 'final',
    category: [{ coding: [{ system: OBS_CATEGORY, code: 'activity', display: 'Activity' }] }],
    code: { coding: [{ system: `${LOADLINE}/observation`, code: 'training-session', display: 'Training session' }], text: 'Training session' },
    subject: { reference: patientRef },
    effectiveDateTime: s.localDate,
    issued: iso(s.createdAt),
    component,
    ...(notes.length && { note: notes.map((text) => ({ text })) }),
  };
}

function dosageText(i: PatientExport['programs'][number]['items'][number]): string {
  const parts = [
    i.sets && i.reps ? `${i.sets} x ${i.reps} reps` : i.sets && i.holdSeconds ? `${i.sets} x ${i.holdSeconds} s hold` : null,
    i.minutes ? `${i.minutes} min` : null,
    `${i.sessionsPerWeek} times a week`,
    i.load ? `load: ${i.load}` : null,
    i.notes,
  ];
  return parts.filter(Boolean).join(', ');
}

function carePlan(program: PatientExport['programs'][number], patientRef: string): Resource {
  return {
    resourceType: 'CarePlan',
    id: program.id,
    status: program.status === 'active' ? 'active' : 'completed',
    intent: 'plan',
    title: program.title,
    ...(program.goals && { description: program.goals }),
    subject: { reference: patientRef },
    period: { start: program.startDate, ...(program.endDate && { end: program.endDate }) },
    created: iso(program.createdAt),
    activity: program.items.map((item) => ({
      detail: {
        kind: 'ServiceRequest',
        code: { coding: [{ system: `${LOADLINE}/exercise`, code: item.exerciseSlug, display: item.exerciseTitle }], text: item.exerciseTitle },
        status: item.removedAt ? 'stopped' : program.status === 'active' ? 'in-progress' : 'completed',
        description: dosageText(item),
      },
    })),
  };
}

/** A name-based (version 5) UUID: the same patient and item give the same id in every export. */
function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One Flag per ticked item of the screened red-flag history (vocabulary order). */
function screeningFlags(data: PatientExport, patientRef: string): Resource[] {
  const p = data.patient;
  const flags = [...SCREENING_KEYS.filter((k) => p.screeningFlags.includes(k)), ...p.screeningFlags.filter((k) => !(SCREENING_KEYS as readonly string[]).includes(k))];
  return [...new Set(flags)].map((key) => ({
    resourceType: 'Flag',
    id: uuidV5(p.id, `screening:${key}`),
    status: 'active',
    category: [{ coding: [{ system: FLAG_CATEGORY, code: 'clinical', display: 'Clinical' }] }],
    code: { coding: [{ system: `${LOADLINE}/screening`, code: key, display: screeningLabel(key) }], text: screeningLabel(key) },
    subject: { reference: patientRef },
    ...(p.screeningUpdatedAt && { period: { start: iso(p.screeningUpdatedAt) } }),
  }));
}

/** The instrument as a FHIR Questionnaire, from its content file (one per wording version). */
function questionnaire(measure: Measure): Resource {
  return {
    resourceType: 'Questionnaire',
    id: uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', `${measure.slug}:${measure.contentVersion}`),
    url: `${LOADLINE}/Questionnaire/${measure.slug}`,
    version: measure.contentVersion,
    name: measure.slug.replace(/-/g, '_'),
    title: measure.title,
    status: 'active',
    description: measure.summary,
    copyright: measure.licence.note,
    item: measure.items.map((item) => ({
      linkId: item.id,
      text: item.text,
      type: item.answer.type === 'choice' ? 'choice' : item.answer.type === 'text' ? 'text' : 'integer',
      ...(item.answer.type === 'choice' && { answerOption: item.answer.options.map((o) => ({ valueCoding: { system: `${LOADLINE}/Questionnaire/${measure.slug}/${item.id}`, code: String(o.value), display: o.label } })) }),
    })),
  };
}

function questionnaireResponse(r: PatientExport['measureResponses'][number], measure: Measure, patientRef: string): Resource {
  const item = Object.entries(r.answers).flatMap(([linkId, a]) => {
    if (a === null || a === undefined) return [];
    const value = typeof a === 'number' ? a : (a.value ?? null);
    const text = typeof a === 'object' ? (a.label ?? a.text ?? null) : null;
    const format = measure.items.find((i) => i.id === linkId)?.answer;
    const answer = [
      ...(value !== null ? [format?.type === 'choice' ? { valueCoding: { system: `${LOADLINE}/Questionnaire/${measure.slug}/${linkId}`, code: String(value), display: format.options.find((o) => o.value === value)?.label } } : { valueInteger: value }] : []),
      ...(text ? [{ valueString: text }] : []),
    ];
    return answer.length ? [{ linkId, answer }] : [];
  });
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    questionnaire: `${LOADLINE}/Questionnaire/${measure.slug}|${r.contentVersion}`,
    status: r.superseded ? 'entered-in-error' : r.supersedesId ? 'amended' : 'completed',
    subject: { reference: patientRef },
    authored: iso(r.submittedAt ?? r.createdAt),
    item,
  };
}

function measureScoreObservation(r: PatientExport['measureResponses'][number], measure: Measure, patientRef: string): Resource | null {
  if (r.score === null) return null;
  return {
    resourceType: 'Observation',
    id: uuidV5(r.id, 'score'),
    status: r.superseded ? 'entered-in-error' : 'final',
    category: [{ coding: [{ system: OBS_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: `${LOADLINE}/measures`, code: measure.slug, display: `${measure.shortTitle} score` }], text: `${measure.title} score` },
    subject: { reference: patientRef },
    effectiveDateTime: r.respondedOn ?? iso(r.createdAt),
    valueQuantity: quantity(round(r.score, 2), '{score}', '{score}'),
    derivedFrom: [{ reference: `QuestionnaireResponse/${r.id}` }],
  };
}

function measureResources(data: PatientExport, patientRef: string): Resource[] {
  const used = new Map<string, Measure>();
  const out: Resource[] = [];
  for (const r of data.measureResponses) {
    const measure = getMeasure(r.measureSlug);
    if (!measure) continue;
    used.set(measure.slug, measure);
    out.push(questionnaireResponse(r, measure, patientRef));
    const score = measureScoreObservation(r, measure, patientRef);
    if (score) out.push(score);
  }
  return [...[...used.values()].map(questionnaire), ...out];
}

export function toFhirBundle(data: PatientExport, bundleId: string = crypto.randomUUID()): FhirBundle {
  const patientRef = `Patient/${data.patient.id}`;
  const resources: Resource[] = [
    patientResource(data),
    ...data.painReports.map((r) => painObservation(r, patientRef)),
    ...data.trainingSessions.map((s) => sessionObservation(s, patientRef)),
    ...data.programs.map((p) => carePlan(p, patientRef)),
    ...screeningFlags(data, patientRef),
    ...measureResources(data, patientRef),
  ];
  return {
    resourceType: 'Bundle',
    id: bundleId,
    type: 'collection',
    timestamp: data.exportedAt,
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
