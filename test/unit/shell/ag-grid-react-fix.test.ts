/**
 * scripts/ag-grid-react-fix.mjs: the renderer build's mend of ag-grid-react's same-value state
 * updates, which React keeps queued on containers that never render again (a leak of ~1 MB a
 * minute in a busy monitor window).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a build script in plain JavaScript, without type declarations
import { mendAgGridReact } from '../../../scripts/ag-grid-react-fix.mjs';

const mend = mendAgGridReact as (source: string) => string;
const require = createRequire(import.meta.url);
const installed = fs.readFileSync(path.join(path.dirname(require.resolve('ag-grid-react')), 'index.esm.mjs'), 'utf8');

/** The mended setter as a function of React's setter, taken from the mended source. */
function mendedSetter(mended: string, start: string, end: string): (reactSetter: (v: unknown) => void) => (v: unknown) => void {
  const from = mended.indexOf(start) + start.length;
  const text = mended.slice(from, mended.indexOf(end, from) + end.length).replace(/,\s*$/, '');
  const name = /last = \w+; (\w+)\(/.exec(text)![1]!;
  return new Function(name, `return ${text};`) as never;
}

describe('the ag-grid-react mend', () => {
  it('applies to the installed ag-grid-react, each change exactly once', () => {
    const mended = mend(installed);
    expect(mended).not.toBe(installed);
    expect(mended).toContain('setHidden: ((last) => (hidden2) =>');
    expect(mended).toContain('const setPinnedSection = useCallback12(((last) => (section, state) => {');
    expect(mended).toContain('setPinnedColumnsOverflowing: ((last) => (overflowing) =>');
  });

  it('stops the build, naming what it did not find, when ag-grid-react changed', () => {
    expect(() => mend(installed.replace('setHidden: (hidden2) => setHidden(hidden2)', 'setHidden: (h) => setHidden(h)'))).toThrow(
      /RowContainerComp's setHidden \(initial state true\) found 0 times instead of once/,
    );
    expect(() => mend(installed + '\n      setPinnedColumnsOverflowing,\n')).toThrow(/setPinnedColumnsOverflowing \(initial state false\) found 2 times/);
  });

  it('passes a value on only when it differs from the last one passed (or the initial state)', () => {
    const mended = mend(installed);
    const calls: unknown[] = [];
    const setHidden = mendedSetter(mended, 'setHidden: ', '})(true)')((v) => calls.push(v));
    for (const v of [true, true, false, false, false, true, true]) setHidden(v);
    expect(calls).toEqual([false, true]);

    const overflowCalls: unknown[] = [];
    const setOverflowing = mendedSetter(mended, 'setPinnedColumnsOverflowing: ', '})(false)')((v) => overflowCalls.push(v));
    for (const v of [false, false, true, true, false]) setOverflowing(v);
    expect(overflowCalls).toEqual([true, false]);
  });
});
