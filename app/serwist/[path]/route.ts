import { createSerwistRoute } from '@serwist/turbopack';

// The portal's service worker at /serwist/sw.js, bundled from lib/offline/sw.ts with esbuild
// while `next build` prerenders this route (Turbopack has no plugin hook for it yet).
// Precached: the app's hashed code and styles and the install icons. No page and no data:
// portal pages are cached at run time, for the signed-in patient only (lib/offline/sw.ts).
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: 'lib/offline/sw.ts',
  // The native esbuild binary that is already installed (the default is esbuild-wasm).
  useNativeEsbuild: true,
  globPatterns: ['.next/static/**/*.{js,css,woff2}', 'public/icons/*.{png,svg}'],
  // Chunks carry their hash in the name: no revision needed, and no cache-busting query.
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
});
