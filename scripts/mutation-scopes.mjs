// The parts of the product under mutation testing, smallest first. Each scope is mutated in its
// own Stryker run with its own incremental file, so re-running one scope after a change is cheap
// and does not forget the others' results.
export const mutationScopes = {
  risk: { mutate: ['electron/engine/risk/**/*.ts'] },
  oms: { mutate: ['electron/engine/oms.ts'] },
  journal: {
    mutate: ['electron/engine/journal-recorder.ts', 'electron/engine/store/journal.ts', 'electron/engine/store/sqlite-file.ts'],
  },
  bridge: { mutate: ['electron/engine/bridge/ws-server.ts'] },
  // The trading rules: markets (A-share, futures), credit, symbols, schema, bars and the backtest figures.
  common: { mutate: ['common/**/*.ts', '!common/**/*.d.ts'] },
};
