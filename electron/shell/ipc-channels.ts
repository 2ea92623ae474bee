/**
 * The two IPC channels that carry the bridge contract between preload and main, and the
 * reply shape of a request. Shared by preload.ts and ipc-adapter.ts so neither spells them.
 */
import type { ErrorInfo } from '../../common/errors';

/** renderer → main, ipcRenderer.invoke(REQUEST_CHANNEL, name, args) */
export const REQUEST_CHANNEL = 'bridge:request';
/** main → renderer, webContents.send(EVENT_CHANNEL, [[eventName, payload], …]): coalesced batches */
export const EVENT_CHANNEL = 'bridge:event';

/**
 * A request's outcome as a plain object: structured clone (IPC) keeps only an Error's
 * message, so the code travels in data and the preload turns it back into a rejection.
 */
export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };
