// Layering is enforced here as errors, after VS Code's "do not relax these rules". A layer is
// where code runs, not a folder: the common layer is common/ plus each app's common/ part,
// the engine layer electron/engine/ plus each app's engine/ part, the renderer layer
// renderer/ plus each app's view/ (apps/<name>/{common,engine,view}, docs/architecture.md).
// common/ imports nothing outside itself; an app's common part imports only the common
// layer; the engine, gateways and common never import electron; only gateways/native may
// import koffi; the renderer layer imports only the common layer and itself; nothing but the
// app itself reaches into an app's engine part or view.
// Each file matches exactly one layer block below, because a later block's
// no-restricted-imports would replace, not extend, an earlier one's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const up = (dir) => ['..', '../..', '../../..', '../../../..'].map((p) => `${p}/${dir}/**`).concat(['..', '../..', '../../..'].map((p) => `${p}/${dir}`));
const outside = (...dirs) => dirs.flatMap(up);
const noElectron = { name: 'electron', message: 'The engine, gateways and common/ run in plain Node: never import electron here.' };
const noKoffi = { name: 'koffi', message: 'Only gateways/native may import koffi.' };
// An import that climbs out of its folder into some app's engine part or view (apps/<name>/engine|view).
const ENGINE_OR_VIEW = '^(\\.\\./)+((?!electron/)[^/.][^/]*/)?(engine|view)(/|$)';
const ENGINE_OR_VIEW_OF_APP = 'apps/[^/]+/(engine|view)(/|$)';
const APP_VIEW = '(^|/)apps/[^/]+/view(/|$)|^(\\.\\./)+view(/|$)';
// From the core engine: apps/<name>/engine; from an app's engine part: another folder's engine/ (its own modules are ./…, ../…).
const OTHER_APP_ENGINE = '(^|/)apps/[^/]+/engine(/|$)|^(\\.\\./){2,}(?!electron/)[^/.][^/]*/engine(/|$)';
const ANY_ENGINE = '(^|/)engine(/|$)';
const layer = (files, paths, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-results/**', 'native/build/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly',
        setImmediate: 'readonly', queueMicrotask: 'readonly', performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Each contract part adds itself to the bridge's typed map by module augmentation:
      // `interface RequestMap extends RequestsOf<…> {}` (common/contract/contract-map.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  layer(['common/**/*.ts'], [], [
    { group: outside('apps', 'electron', 'gateways', 'renderer', 'native', 'test', 'bench', 'scripts', 'strategies'), message: 'common/ imports nothing outside itself.' },
    { regex: '^[^.]', message: 'common/ imports nothing outside itself (no packages, no node: modules).' },
  ]),
  layer(['apps/registry.ts', 'apps/*/common/**/*.ts'], [], [
    { group: outside('electron', 'gateways', 'renderer', 'native', 'test', 'bench', 'scripts', 'strategies'), message: "An app's common part imports only the common layer." },
    { regex: ENGINE_OR_VIEW, message: "An app's common part imports only the common layer (no engine part, no view)." },
    { regex: '^[^.]', message: "An app's common part imports only the common layer (no packages, no node: modules)." },
  ]),
  layer(['electron/engine/**/*.ts', 'apps/*/engine/**/*.ts'], [noElectron, noKoffi], [
    { group: outside('renderer'), message: 'The engine never imports the renderer.' },
    { regex: APP_VIEW, message: "The engine never imports an app's view." },
    { regex: OTHER_APP_ENGINE, message: "The core engine starts apps through apps/registry.ts; an app never imports another app's engine part." },
  ]),
  layer(['electron/*.ts', 'electron/shell/**/*.ts'], [noKoffi], [
    { group: outside('renderer'), message: 'The main process never imports renderer code.' },
    { regex: ENGINE_OR_VIEW_OF_APP, message: "The main process reaches apps through the engine and apps/registry.ts, never an app's engine part or view." },
  ]),
  layer(['gateways/native/**/*.ts'], [noElectron], [
    { group: outside('apps', 'electron', 'renderer'), message: 'Gateways import only common/ and the services passed to their factory.' },
  ]),
  layer(['gateways/**/*.ts'], [noElectron, noKoffi], [
    { group: outside('apps', 'electron', 'renderer'), message: 'Gateways import only common/ and the services passed to their factory.' },
  ], ['gateways/native/**']),
  layer(['renderer/**/*.ts', 'renderer/**/*.tsx', 'apps/*/view/**/*.ts', 'apps/*/view/**/*.tsx'], [noElectron, noKoffi], [
    { group: outside('electron', 'gateways', 'native', 'test', 'bench', 'scripts', 'strategies'), message: 'renderer/ imports only common/ and itself.' },
    { regex: ANY_ENGINE, message: "The renderer layer imports only the common layer and itself (no app's engine part)." },
  ]),
);
