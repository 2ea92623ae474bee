// An esbuild plugin that mends a memory leak in ag-grid-react (36.2.0) as the renderer is bundled.
//
// The leak: after every redraw, AG Grid tells each of its React row containers whether it is
// empty (`setHidden`) and the grid body how tall its pinned sections are (`setPinnedSection`)
// and whether pinned columns overflow — nearly always the value they already hold. React's
// useState keeps each such same-value update in the hook's queue ("eager bail-out") until the
// component next renders, and the pinned and sticky containers of our monitors, always empty,
// never render again. So every redraw of a grid adds a few dozen entries that are never freed:
// a monitor window taking a trading day's updates grew by about 1 MB a minute of these
// (heap snapshots of `npm run bench:ui -- --soak`, docs/architecture.md).
//
// The mend: each of those three setters remembers the last value it passed on and skips a
// call that would not change it, so nothing reaches React's queue. Each replacement must match
// exactly once: after an AG Grid upgrade that changes the code, the build stops and says so,
// instead of shipping the leak again unnoticed (check then whether the new version still needs it).
import fs from 'node:fs';

/** [what the code says now, what it becomes, what it is] */
const MENDS = [
  [
    'setHidden: (hidden2) => setHidden(hidden2)',
    'setHidden: ((last) => (hidden2) => { if (hidden2 !== last) { last = hidden2; setHidden(hidden2); } })(true)',
    "RowContainerComp's setHidden (initial state true)",
  ],
  [
    'const setPinnedSection = useCallback12((section, state) => {\n',
    'const setPinnedSection = useCallback12(((last) => (section, state) => {\n' +
      '    if (last[section].height === state.height && last[section].invisible === state.invisible) return;\n' +
      '    last[section] = state;\n',
    "GridBodyComp's setPinnedSection, opening (initial sections 0 high, invisible)",
  ],
  [
    '      return { ...prev, [section]: state };\n    });\n  }, []);',
    '      return { ...prev, [section]: state };\n    });\n  })({ top: { height: 0, invisible: true }, bottom: { height: 0, invisible: true } }), []);',
    "GridBodyComp's setPinnedSection, closing",
  ],
  [
    '      setPinnedColumnsOverflowing,\n',
    '      setPinnedColumnsOverflowing: ((last) => (overflowing) => { if (overflowing !== last) { last = overflowing; setPinnedColumnsOverflowing(overflowing); } })(false),\n',
    "GridBodyComp's setPinnedColumnsOverflowing (initial state false)",
  ],
];

/** The source with every mend applied; throws naming the first mend that does not match exactly once. */
export function mendAgGridReact(source) {
  let out = source;
  for (const [from, to, what] of MENDS) {
    const count = out.split(from).length - 1;
    if (count !== 1) {
      throw new Error(`ag-grid-react-fix: ${what} found ${count} times instead of once; ag-grid-react changed — see scripts/ag-grid-react-fix.mjs`);
    }
    out = out.replace(from, () => to);
  }
  return out;
}

export const agGridReactFix = {
  name: 'ag-grid-react-fix',
  setup(build) {
    build.onLoad({ filter: /[\\/]ag-grid-react[\\/]dist[\\/]package[\\/]index\.esm\.mjs$/ }, async (args) => ({
      contents: mendAgGridReact(await fs.promises.readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
