import { createHash } from 'node:crypto';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Files of `web/public` the installed app needs without a network. */
const PUBLIC_SHELL = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/**
 * Writes into `/sw.js` the files the app opens with (the entry script, what it imports statically, its
 * styles) and a build id naming the cache, so a new release replaces the old shell.
 */
function serviceWorkerManifest(): Plugin {
  return {
    name: 'dl-service-worker-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (!chunk || chunk.type !== 'chunk' || files.has(`/${fileName}`)) return;
        files.add(`/${fileName}`);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
        chunk.imports.forEach(visit);
      };
      for (const out of Object.values(bundle)) if (out.type === 'chunk' && out.isEntry && out.name !== 'sw') visit(out.fileName);
      const list = [...files, ...PUBLIC_SHELL].sort();
      const build = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
      const sw = bundle['sw.js'];
      if (sw?.type !== 'chunk') throw new Error('sw.js missing from the build');
      const withList = sw.code.replace(/\[\s*(["'`])__DL_PRECACHE__\1\s*\]/, JSON.stringify(list));
      const withBuild = withList.replaceAll('__DL_BUILD__', build);
      if (withList === sw.code || withBuild === withList) throw new Error('sw.js placeholders not found');
      sw.code = withBuild;
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [react(), serviceWorkerManifest()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        index: path.resolve(import.meta.dirname, 'web/index.html'),
        sw: path.resolve(import.meta.dirname, 'web/src/sw.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
