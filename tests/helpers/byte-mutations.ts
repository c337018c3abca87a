// Damage to a valid file for fuzzing: a byte flipped, the file cut short, or random bytes spliced in.
import fc from 'fast-check';

/** One change to a file's bytes; `at` is taken modulo the length at the time. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** The bytes with the mutations applied in order (the input is not changed). */
export function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    const at = out.length ? m.at % out.length : 0;
    if (m.kind === 'flip') out[at] = m.value;
    else if (m.kind === 'cut') out = out.slice(0, at);
    else out = new Uint8Array([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
  }
  return out;
}
