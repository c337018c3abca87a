import { addDays } from '@/lib/dates';
import type { PatientTrends } from '@/lib/data/trends';

// The patient page hands its trends to the chart components in the browser. As rows of
// objects, 52 weeks of daily pain alone were 29 kB of the page's 89 kB of inline data, each
// day repeating its key names and its date, all serialised by the server and parsed by the
// browser on every view. Packed, each series is one array per field and a day's date is its
// place in the range: the same values, to the last digit, in about a third of the bytes.

type Row = Record<string, unknown>;
/** One array per field of a list of rows, all of the same length. */
type Columns<T extends Row> = { [K in keyof T]: T[K][] };

function toColumns<T extends Row>(rows: readonly T[], keys: readonly (keyof T)[]): Columns<T> {
  const columns = {} as Columns<T>;
  for (const key of keys) columns[key] = rows.map((r) => r[key]);
  return columns;
}

function fromColumns<T extends Row>(columns: Columns<T>, length: number): T[] {
  const keys = Object.keys(columns) as (keyof T)[];
  return Array.from({ length }, (_, i) => {
    const row = {} as T;
    for (const key of keys) row[key] = columns[key][i] as T[keyof T];
    return row;
  });
}

type PainPoint = PatientTrends['pain'][number];
type WeekPoint = PatientTrends['weekly'][number];
type AdherencePoint = PatientTrends['adherence'][number];

export type PackedTrends = Omit<PatientTrends, 'pain' | 'weekly' | 'adherence'> & {
  /** Day k of the pain series is `from` + k days (painTrend's contract, checked when packing). */
  pain: { length: number; columns: Columns<Omit<PainPoint, 'date'>> };
  weekly: { length: number; columns: Columns<WeekPoint> };
  adherence: { length: number; columns: Columns<AdherencePoint> };
};

const PAIN_KEYS = ['daily', 'rolling', 'redFlag'] as const satisfies readonly (keyof PainPoint)[];
const WEEK_KEYS = ['weekEnd', 'load', 'distanceKm', 'loadChangePct', 'ewmaAcwr', 'acwr', 'distanceChangePct'] as const satisfies readonly (keyof WeekPoint)[];
const ADHERENCE_KEYS = ['weekEnd', 'completed', 'prescribed', 'pct'] as const satisfies readonly (keyof AdherencePoint)[];

export function packTrends(trends: PatientTrends): PackedTrends {
  trends.pain.forEach((p, k) => {
    if (p.date !== addDays(trends.from, k)) throw new Error(`packTrends: pain day ${k} is ${p.date}, not ${trends.from} + ${k} days`);
  });
  return {
    ...trends,
    pain: { length: trends.pain.length, columns: toColumns(trends.pain, PAIN_KEYS) },
    weekly: { length: trends.weekly.length, columns: toColumns(trends.weekly, WEEK_KEYS) },
    adherence: { length: trends.adherence.length, columns: toColumns(trends.adherence, ADHERENCE_KEYS) },
  };
}

// The five charts of a page receive the same packed object (the page's data refers to it
// once), so each unpacks it only the first time.
const unpacked = new WeakMap<PackedTrends, PatientTrends>();

export function unpackTrends(packed: PackedTrends): PatientTrends {
  const known = unpacked.get(packed);
  if (known) return known;
  const trends: PatientTrends = {
    ...packed,
    pain: fromColumns(packed.pain.columns, packed.pain.length).map((p, k) => ({ date: addDays(packed.from, k), ...p })),
    weekly: fromColumns(packed.weekly.columns, packed.weekly.length),
    adherence: fromColumns(packed.adherence.columns, packed.adherence.length),
  };
  unpacked.set(packed, trends);
  return trends;
}
