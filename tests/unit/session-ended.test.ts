import { describe, expect, it } from 'vitest';
import { reasonFor, SESSION_ENDED_MESSAGES, sessionEndedReason } from '@/app/(auth)/login/session-ended';

const claims = { sv: 3, roles: ['physio'] };
const user = { status: 'active', sessionVersion: 3, roles: ['physio'] };
const open = { revokedAt: null };

describe('why a session was refused (sign-in page)', () => {
  it('a role change by an admin', () => {
    expect(reasonFor({ claims, user: { ...user, sessionVersion: 4, roles: ['physio', 'admin'] }, session: open })).toBe('roles-changed');
    expect(reasonFor({ claims: { sv: 3, roles: ['admin', 'physio'] }, user: { ...user, sessionVersion: 4, roles: ['admin'] }, session: open })).toBe('roles-changed');
    expect(SESSION_ENDED_MESSAGES['roles-changed']).toBe('Your access was changed by an admin; please sign in again.');
  });
  it('deactivation, whatever else changed', () => {
    expect(reasonFor({ claims, user: { ...user, status: 'deactivated', sessionVersion: 4 }, session: open })).toBe('deactivated');
  });
  it('a new password (same roles, newer session version)', () => {
    expect(reasonFor({ claims: { sv: 3, roles: ['admin', 'physio'] }, user: { ...user, sessionVersion: 4, roles: ['physio', 'admin'] }, session: open })).toBe('password-changed');
  });
  it('signed out everywhere: the session row revoked', () => {
    expect(reasonFor({ claims, user, session: { revokedAt: new Date(), endedTogether: 2 } })).toBe('signed-out-everywhere');
    // One session ended alone: that browser signed out (its cookie was cleared); a copy says nothing.
    expect(reasonFor({ claims, user, session: { revokedAt: new Date(), endedTogether: 1 } })).toBeNull();
    expect(SESSION_ENDED_MESSAGES['signed-out-everywhere']).toBe('You were signed out on all devices. Please sign in again.');
  });
  it('nothing to say: a live session, an unknown account or session row', () => {
    expect(reasonFor({ claims, user, session: open })).toBeNull();
    expect(reasonFor({ claims, user: null, session: null })).toBeNull();
    expect(reasonFor({ claims, user, session: null })).toBeNull();
  });
  it('?reason= is an allow-list: anything else is ignored', () => {
    expect(sessionEndedReason.parse('roles-changed')).toBe('roles-changed');
    expect(sessionEndedReason.parse('signed-out-everywhere')).toBe('signed-out-everywhere');
    expect(sessionEndedReason.parse('<script>')).toBeUndefined();
    expect(sessionEndedReason.parse('Your account was hacked, call 555')).toBeUndefined();
    expect(sessionEndedReason.parse(undefined)).toBeUndefined();
  });
});
