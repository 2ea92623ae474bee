import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile, writeJsonAtomic } from '../../../electron/engine/store/json-file';
import { tempDir } from './helpers';

const at = (): Date => new Date(2026, 10, 22, 3, 15, 0);

describe('readJsonFile', () => {
  it('reports a missing file', () => {
    expect(readJsonFile(path.join(tempDir(), 'nope.json'))).toEqual({ status: 'missing' });
  });

  it('reads an object, BOM or not', () => {
    const file = path.join(tempDir(), 'a.json');
    fs.writeFileSync(file, '\ufeff{"用户名": "张三"}');
    expect(readJsonFile(file)).toEqual({ status: 'ok', data: { 用户名: '张三' } });
  });

  it('moves a corrupt file aside with a timestamp (and a counter), never overwriting', () => {
    const dir = tempDir();
    const file = path.join(dir, 'connect_ctp.json');
    fs.writeFileSync(file, '{"用户名": ');
    const first = readJsonFile(file, at);
    expect(first.status).toBe('corrupt');
    if (first.status !== 'corrupt') return;
    expect(first.movedTo).toBe(`${file}.corrupt-20261122-031500`);
    expect(fs.readFileSync(first.movedTo, 'utf8')).toBe('{"用户名": ');
    expect(fs.existsSync(file)).toBe(false);
    expect(first.error).not.toBe('');

    fs.writeFileSync(file, '[1, 2]'); // valid JSON, but not an object
    const second = readJsonFile(file, at);
    expect(second.status === 'corrupt' && second.movedTo).toBe(`${file}.corrupt-20261122-031500-2`);
    expect(fs.readFileSync(first.movedTo, 'utf8')).toBe('{"用户名": ');
  });
});

describe('writeJsonAtomic', () => {
  it('writes vn.py layout (4-space indent, Chinese unescaped) and leaves no temp files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sub', 'x.json');
    writeJsonAtomic(file, { 用户名: '张三', n: 1 });
    writeJsonAtomic(file, { 用户名: '李四', n: 2 });
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n    "用户名": "李四",\n    "n": 2\n}');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['x.json']);
  });

  it('leaves the old file and no temp file when the data cannot be serialised', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.json');
    writeJsonAtomic(file, { a: 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => writeJsonAtomic(file, cyclic)).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['x.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ a: 1 });
  });
});
