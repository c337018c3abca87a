import type { MetadataRoute } from 'next';

// The web app manifest (/manifest.webmanifest): the patient portal installs to the home
// screen and opens on Today. Scope /portal, as the service worker's: staff pages are never
// part of the installed app. Served without sign-in (proxy.ts), as browsers fetch it without cookies.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/portal',
    name: 'Loadline: my exercises',
    short_name: 'Loadline',
    description: 'Your home exercises, pain log and runs, from your physiotherapy practice. Works without a signal.',
    start_url: '/portal',
    scope: '/portal',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: '#0f766e',
    categories: ['health', 'medical', 'fitness'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
