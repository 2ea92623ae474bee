// Layering is enforced here as errors, after VS Code's "do not relax these rules":
// common/ imports nothing outside itself; the engine, gateways and common never import
// electron; only gateways/native may import koffi; renderer/ imports common/ and itself.
// Each file matches exactly one layer block below, because a later block's
// no-restricted-imports would replace, not extend, an earlier one's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const up = (dir) => ['..', '../..', '../../..', '../../../..'].map((p) => `${p}/${dir}/**`).concat(['..', '../..', '../../..'].map((p) => `${p}/${dir}`));
const outside = (...dirs) => dirs.flatMap(up);
const noElectron = { name: 'electron', message: 'The engine, gateways and common/ run in plain Node: never import electron here.' };
const noKoffi = { name: 'koffi', message: 'Only gateways/native may import koffi.' };
const layer = (files, paths, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-results/**', 'native/build/**', 'coverage/**'] },
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
    { group: outside('electron', 'gateways', 'renderer', 'native', 'test', 'bench', 'scripts', 'strategies'), message: 'common/ imports nothing outside itself.' },
    { regex: '^[^.]', message: 'common/ imports nothing outside itself (no packages, no node: modules).' },
  ]),
  layer(['electron/engine/**/*.ts'], [noElectron, noKoffi], [
    { group: outside('renderer'), message: 'The engine never imports the renderer.' },
  ]),
  layer(['electron/*.ts', 'electron/shell/**/*.ts'], [noKoffi], [
    { group: outside('renderer'), message: 'The main process never imports renderer code.' },
  ]),
  layer(['gateways/native/**/*.ts'], [noElectron], [
    { group: outside('electron', 'renderer'), message: 'Gateways import only common/ and the services passed to their factory.' },
  ]),
  layer(['gateways/**/*.ts'], [noElectron, noKoffi], [
    { group: outside('electron', 'renderer'), message: 'Gateways import only common/ and the services passed to their factory.' },
  ], ['gateways/native/**']),
  layer(['renderer/**/*.ts', 'renderer/**/*.tsx'], [noElectron, noKoffi], [
    { group: outside('electron', 'gateways', 'native', 'test', 'bench', 'scripts', 'strategies'), message: 'renderer/ imports only common/ and itself.' },
  ]),
);
