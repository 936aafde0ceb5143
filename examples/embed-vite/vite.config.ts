import { sizeReport } from './size-report.js';

// A plain object (no import of vite): the page needs nothing but the defaults, offline.
export default {
  base: './',
  plugins: [sizeReport({ budget: 74 * 1024 })],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
};
