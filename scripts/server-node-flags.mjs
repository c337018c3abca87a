// Node flags for the production servers this project starts: `npm start` (package.json spells
// the same flag, since a package script cannot import), the demo, the end-to-end server, the
// several-instances test and the benchmark. (The fault test starts a plain `next start`: it
// measures recovery, not speed.)
//
// --max-semi-space-size=64: V8's young generation may grow to 64 MB per semi-space instead of
// 16. A page render allocates a few MB of short-lived objects (query rows, React elements, the
// streamed HTML); with the default, V8 scavenged every few requests and garbage collection took
// about a tenth of a page's server time. In alternating runs of one build (c1 medians, each
// against the floor route run just before it) the patient page went from 7.2–7.5 to 6.6–6.7 ×
// the floor, portal Today from 3.8–4.0 to 3.5–3.6 × and the own-patients dashboard from
// 3.5–3.7 to 3.2–3.5 ×. The cost is memory: up to about 150 MB more per process under load.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
