import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { authConfig, nowSeconds, readClaims, type TokenClaims } from './config';
import { clientIp } from './request-info';
import { revokeSession } from './user-sessions';
import { verifyCredentials } from './verify-credentials';

class ThrottledSignIn extends CredentialsSignin {
  override code = 'throttled';
}
class TwoFactorRequired extends CredentialsSignin {
  override code = 'two_factor_required';
}
class TwoFactorInvalid extends CredentialsSignin {
  override code = 'two_factor_invalid';
}

// Lazy config: env() runs on the first request, not at build time.
export const { handlers, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: env().AUTH_SECRET,
  events: {
    // Auth.js's own sign-out endpoint (the sign-out action also revokes before calling it).
    async signOut(message) {
      const claims = 'token' in message ? readClaims(message.token) : null;
      if (claims) await revokeSession(getDb(), claims.uid, claims.sid);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      async authorize(credentials, request) {
        const result = await verifyCredentials(getDb(), credentials, {
          ip: clientIp(request.headers),
          userAgent: request.headers.get('user-agent'),
        });
        if (!result.ok) {
          if (result.reason === 'throttled') throw new ThrottledSignIn();
          if (result.reason === 'two_factor_required') throw new TwoFactorRequired();
          if (result.reason === 'two_factor_invalid') throw new TwoFactorInvalid();
          return null;
        }
        const now = nowSeconds();
        const claims: TokenClaims = {
          uid: result.user.id,
          sid: result.user.sessionId,
          sv: result.user.sessionVersion,
          roles: result.user.roles,
          sat: now,
          lsa: now,
          idl: result.user.idleMinutes,
        };
        return { id: result.user.id, ...claims };
      },
    }),
  ],
}));
