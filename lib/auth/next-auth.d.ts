import type { TokenClaims } from './config';

declare module 'next-auth' {
  interface Session {
    claims?: TokenClaims;
  }
}
