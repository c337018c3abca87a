#!/usr/bin/env node
// npm run bench:import [-- --activities=1000 --mb=200] — the import benchmark (issue 16,
// bench/import-archive.ts) compiled to JavaScript and run with plain `node`, as production runs
// the import (next build), not under a dev transpiler: tsx alone holds about 100 MB
// (docs/imports.md). `npm run bench` runs it the same way through runImportBench().
// The bundle goes to .bench-build/ (git-ignored). Database: DATABASE_URL when local, else PGlite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.bench-build', 'import-archive.cjs');

/** Bundles bench/import-archive.ts with the app's code as the server sees it (react-server, `@/`). */
async function buildImportBench() {
  await build({
    absWorkingDir: root,
    entryPoints: ['bench/import-archive.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // CommonJS, so the bundled CommonJS packages (yauzl, …) keep their require() calls.
    format: 'cjs',
    conditions: ['react-server'],
    tsconfig: path.join(root, 'tsconfig.json'), // the `@/` alias
    // Native addons and packages that load files next to themselves (PGlite's WebAssembly)
    // stay in node_modules.
    external: ['@electric-sql/pglite', 'postgres', '@node-rs/argon2', '@resvg/resvg-js'],
    logLevel: 'error',
  });
  return outfile;
}

/**
 * Builds and runs the benchmark with plain `node`. `capture` collects the output (for
 * scripts/bench.mjs, which parses the JSON last line); otherwise it is printed as it comes.
 */
export async function runImportBench(args = [], { capture = false } = {}) {
  const file = await buildImportBench();
  return spawnSync(process.execPath, ['--conditions=react-server', file, ...args], {
    cwd: root, // db/migrate.ts finds the migrations from the working directory
    env: process.env,
    encoding: 'utf8',
    stdio: capture ? 'pipe' : 'inherit',
    maxBuffer: 16 * 1024 * 1024,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const run = await runImportBench(process.argv.slice(2));
  process.exit(run.status ?? 1);
}
