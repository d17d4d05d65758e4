import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';

/** The renderer's boot modules (see renderer/src/boot/first-request.ts), by path ending. */
const BOOT_MODULES = [
  'renderer/src/boot/first-request.ts',
  'renderer/src/app/first-screen.ts',
  'renderer/src/api/choose-transport.ts',
  'renderer/src/api/http-transport.ts',
  'renderer/src/api/launch-token.ts',
  'renderer/src/api/sse-parser.ts',
  'shared/rpc/host-transport.ts',
];

/**
 * Runs the boot chunk as soon as it has loaded: an `async` module script of its own in the page,
 * ahead of the entry. The entry imports the same file (one module, evaluated once), but a module
 * graph runs only once all of it has loaded; on its own, the boot chunk (a few KB) sends the first
 * screen's requests while the rest of the app's code still loads and compiles.
 */
function bootScriptFirst(): Plugin {
  return {
    name: 'boot-script-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const boot = Object.values(context.bundle ?? {}).find((output) => output.type === 'chunk' && output.name === 'boot');
        if (!boot) throw new Error('boot-script-first: no boot chunk in the bundle');
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${boot.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

// One build for the three parts. The renderer's output (out/renderer) is also what the headless
// host serves, so the browser and the Electron window run the very same files.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        // The import's reader thread is an entry of its own, beside the main one
        // (electron/core/transfer/import-preview-thread.ts starts it from there).
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'import-preview-worker': resolve(__dirname, 'electron/core/transfer/import-preview-worker.ts'),
        },
        // Every file in one folder, so that the worker's file is beside whichever one starts it.
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [vue(), bootScriptFirst()],
    // Compile-time flags of Vue and vue-i18n: what the app does not use is left out of the bundle.
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // CSD_NO_MINIFY=1 keeps names readable in a CPU profile (see the README's benchmark notes).
      minify: !process.env.CSD_NO_MINIFY,
      emptyOutDir: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: {
          // The boot code (the transport and the first screen's request) in a chunk of its own, which
          // the entry imports first: the request leaves before Vue and zod are evaluated.
          manualChunks: (id) => (BOOT_MODULES.some((path) => id.endsWith(path)) ? 'boot' : undefined),
        },
      },
    },
  },
});
