/**
 * 系统→连接CTP where the adapter was never built (no CTP SDK at build time): the connect fails
 * saying why and how to build it, and nothing else breaks. Its own file: the native build folder
 * is read when the binding's modules load, so it is pointed at an empty folder before they do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayStatus } from '../../../common/constants';
import type { TraderError } from '../../../common/errors';

describe('CTP without a built adapter', () => {
  it('refuses the connect with the reason and the way to build it', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-native-empty-'));
    process.env.TSTRADER_NATIVE_DIR = empty;
    const { createGateway } = await import('../../../gateways/ctp');
    const { contextFor, RecordingSink } = await import('./native-harness');
    const sink = new RecordingSink();
    const gw = createGateway(contextFor(sink, 'CTP'));
    let err: TraderError | undefined;
    await gw.connect({ 用户名: '000001', 密码: 'x', 经纪商代码: '9999', 交易服务器: '127.0.0.1:1' }).catch((e: TraderError) => (err = e));
    expect(err?.code).toBe('NATIVE_LIBRARY');
    expect(err?.message).toContain(`动态库未构建：${path.join(empty, 'libtstrader_ctp.so')} 不存在`);
    expect(err?.message).toMatch(/CTP_SDK_DIR.*npm run build:native/);
    expect(sink.status).toBe(GatewayStatus.ERROR);
    expect(sink.logs.some((l) => l.includes('CTP_SDK_DIR'))).toBe(true);
  });
});
