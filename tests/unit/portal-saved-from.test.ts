import { describe, expect, it } from 'vitest';
import { painSavedFrom, sessionSavedFrom } from '@/app/(portal)/portal/_components/portal-entry-types';
import { formDataToObject } from '@/lib/actions/result';
import { formFields } from '@/lib/actions/form-values';

// The portal's confirmation after a save is built from what the form sent, in two places: the
// server's answer (a form posted as FormData without JavaScript, or as fields once hydrated) and
// the phone's own copy of an entry kept to send later. Both read the fields the same way.

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe('a session as its form sent it', () => {
  const sent = form([['activity', 'run'], ['date', '2026-12-01'], ['durationMin', '35'], ['distance', '6.2'], ['rpe', '4'], ['painDuring', ''], ['notes', 'easy']]);

  it('carries the figures the patient typed; an empty optional number is no number, not 0', () => {
    expect(sessionSavedFrom(formDataToObject(sent), null, false)).toEqual({ activity: 'run', durationMin: 35, distance: 6.2, rpe: 4, painDuring: null, monitoring: null, queued: false });
    expect(sessionSavedFrom({ activity: 'walk', durationMin: '20', distance: '', rpe: '0', painDuring: '3' }, null, true)).toEqual({ activity: 'walk', durationMin: 20, distance: null, rpe: 0, painDuring: 3, monitoring: null, queued: true });
  });

  it('is the same from FormData (no JavaScript), from the fields (hydrated) and on the phone (queued)', () => {
    const fromServer = sessionSavedFrom(formDataToObject(sent), null, false);
    const fromFields = sessionSavedFrom(formDataToObject(formFields(sent)), null, false);
    const onPhone = sessionSavedFrom(formFields(sent), null, true);
    expect(fromFields).toEqual(fromServer);
    expect({ ...onPhone, queued: false }).toEqual(fromServer);
  });

  it('reads anything that is not text as absent (an action is a public endpoint)', () => {
    expect(sessionSavedFrom({ activity: { toString: () => 'run' }, durationMin: ['40', '50'], distance: null }, null, false)).toMatchObject({ activity: '', durationMin: 40, distance: null });
  });
});

describe('a pain report as its form sent it', () => {
  it('names the ticked warning signs in the vocabulary’s order, and only those', () => {
    const sent = form([['score', '7'], ['symptoms', 'stiffness'], ['symptoms', 'bladder-bowel'], ['symptoms', 'leg-numbness']]);
    expect(painSavedFrom(formDataToObject(sent), null, false)).toEqual({ score: 7, redFlags: ['leg-numbness', 'bladder-bowel'], safety: null, queued: false });
  });

  it('kept on the phone: the same warning signs, and nobody told yet', () => {
    const onPhone = painSavedFrom({ score: '6', symptoms: 'saddle-numbness' }, null, true);
    expect(onPhone).toEqual({ score: 6, redFlags: ['saddle-numbness'], safety: null, queued: true });
  });
});
