// The parts of the product under mutation testing. Each scope is mutated in its own Stryker
// run with its own incremental file, so re-running one scope after a change is cheap and does
// not forget the others' results. common/ is split by folder: as one scope it is hours of work
// on two cores.
export const mutationScopes = {
  risk: { mutate: ['electron/engine/risk/**/*.ts'] },
  oms: { mutate: ['electron/engine/oms.ts'] },
  journal: {
    mutate: ['electron/engine/journal-recorder.ts', 'electron/engine/store/journal.ts', 'electron/engine/store/sqlite-file.ts'],
  },
  bridge: { mutate: ['electron/engine/bridge/ws-server.ts'] },
  // The A-share rules, in three parts (800 mutants as one): prices, price limits, boards and fees;
  // the order rules (lots, ticks, T+1) with what every market shares; 融资融券.
  'common-stock-fees': {
    mutate: ['common/markets/price.ts', 'common/markets/cn-stock/fees.ts', 'common/markets/cn-stock/board.ts', 'common/markets/cn-stock/account-rules.ts'],
  },
  'common-stock-orders': {
    mutate: [
      'common/markets/cn-stock/order-rules.ts',
      'common/markets/cn-stock/pre-trade.ts',
      'common/markets/cn-stock/cn-stock-rules.ts',
      'common/markets/market-registry.ts',
      'common/markets/market-rules.ts',
      'common/markets/index.ts',
    ],
  },
  'common-stock-credit': {
    mutate: ['common/markets/cn-stock/credit-rules.ts', 'common/markets/cn-stock/margin.ts', 'common/markets/credit-state.ts', 'common/credit.ts'],
  },
  // The futures rules, in two parts (1,188 mutants as one): the book a fill moves (positions,
  // the account, offset conversion); and the rest (ticks, fees, margin, limits, sessions,
  // contract codes and calendars, the order checks).
  'common-futures-book': {
    mutate: ['common/markets/cn-futures/position.ts', 'common/markets/cn-futures/account.ts', 'common/markets/cn-futures/offset-converter.ts', 'common/markets/cn-futures/fills.ts'],
  },
  'common-futures-rules': {
    mutate: [
      'common/markets/cn-futures/**/*.ts',
      '!common/markets/cn-futures/position.ts',
      '!common/markets/cn-futures/account.ts',
      '!common/markets/cn-futures/offset-converter.ts',
      '!common/markets/cn-futures/fills.ts',
    ],
  },
  'common-bars': { mutate: ['common/bars/**/*.ts'] },
  'common-backtest': { mutate: ['common/backtest/**/*.ts'] },
  // symbols, objects, schema, the bridge contract and the rest of common/
  'common-core': { mutate: ['common/*.ts', '!common/credit.ts', 'common/contract/**/*.ts'] },
};

/** Names that stand for several scopes. */
export const scopeGroups = {
  'common-stock': ['common-stock-fees', 'common-stock-orders', 'common-stock-credit'],
  'common-futures': ['common-futures-book', 'common-futures-rules'],
  common: [
    'common-stock-fees',
    'common-stock-orders',
    'common-stock-credit',
    'common-futures-book',
    'common-futures-rules',
    'common-bars',
    'common-backtest',
    'common-core',
  ],
};

/** The scopes an argument list names (all, smallest first, when it names none). */
export function expandScopes(names) {
  if (names.length === 0) return Object.keys(mutationScopes);
  return [...new Set(names.flatMap((n) => scopeGroups[n] ?? [n]))];
}
