// npx tsx bench/session-token.ts [requests] — the session cookie's cost per request, Auth.js's
// own encode/decode (a fresh HKDF key derivation and thumbprint on every call) against
// lib/auth/session-token.ts (the derived key kept). One "request" is what a signed-in page
// or action pays: proxy.ts decodes the cookie and re-issues it (encode), then requireActor()
// decodes it again. Counts requests, not seconds: a fixed number of each, in alternating
// rounds so both see the same machine load. Prints microseconds per request and the ratio.
import { decode as authDecode, encode as authEncode, type JWT, type JWTDecodeParams, type JWTEncodeParams } from 'next-auth/jwt';
import { decodeSessionToken, encodeSessionToken } from '../lib/auth/session-token';

const REQUESTS = Number(process.argv[2] ?? 4000);
const ROUNDS = 8;
const secret = 'bench-secret-0123456789abcdef0123456789abcdef';
const salt = 'authjs.session-token';
const maxAge = 12 * 3600;
const claims = { sub: '3f0c1d2e-0000-4000-8000-000000000001', uid: '3f0c1d2e-0000-4000-8000-000000000001', sid: '3f0c1d2e-0000-4000-8000-000000000002', sv: 1, roles: ['physio', 'admin'], sat: 1, lsa: 1, idl: 60 };

type Codec = { name: string; encode: (params: JWTEncodeParams) => Promise<string>; decode: (params: JWTDecodeParams) => Promise<JWT | null> };
const codecs: Codec[] = [
  { name: 'Auth.js encode/decode (key derived per call)', encode: (p) => authEncode(p), decode: (p) => authDecode(p) },
  { name: 'lib/auth/session-token.ts (key cached)', encode: encodeSessionToken, decode: decodeSessionToken },
];

async function oneRequest(codec: Codec, cookie: string): Promise<string> {
  const token = await codec.decode({ token: cookie, secret, salt });
  if (!token) throw new Error('decode failed');
  const next = await codec.encode({ token: { ...token, lsa: 2 }, secret, salt, maxAge });
  if (!(await codec.decode({ token: next, secret, salt }))) throw new Error('decode failed');
  return next;
}

const elapsed = new Map<string, number>(codecs.map((c) => [c.name, 0]));
let cookie = await authEncode({ token: claims, secret, salt, maxAge });
for (const codec of codecs) for (let i = 0; i < 200; i++) cookie = await oneRequest(codec, cookie); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const codec of round % 2 ? [...codecs].reverse() : codecs) {
    const started = performance.now();
    for (let i = 0; i < REQUESTS / ROUNDS; i++) cookie = await oneRequest(codec, cookie);
    elapsed.set(codec.name, elapsed.get(codec.name)! + performance.now() - started);
  }
}
const perRequest = codecs.map((c) => ({ name: c.name, us: (elapsed.get(c.name)! * 1000) / REQUESTS }));
console.log(`session cookie per request (decode + re-issue + decode), ${REQUESTS} requests each, node ${process.version}`);
for (const r of perRequest) console.log(`  ${r.name.padEnd(48)} ${r.us.toFixed(1).padStart(7)} µs`);
console.log(`  ratio cached / per call: ${(perRequest[1]!.us / perRequest[0]!.us).toFixed(2)}`);
