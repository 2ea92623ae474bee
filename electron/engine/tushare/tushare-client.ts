/**
 * Tushare Pro over its HTTP protocol: POST a JSON body {api_name, token, params, fields} and
 * get back {code, msg, data: {fields, items}}; a non-zero code is an error. Uses Node's
 * global fetch, so nothing is added to the dependencies. The token travels only in the
 * request body and is scrubbed from anything that could reach a message or a log.
 */
import { TraderError } from '../../../common/errors';

export const DEFAULT_TUSHARE_URL = 'http://api.tushare.pro';
/** The keychain account of the token (service "tstrader", like the gateways' passwords); one token serves every import. */
export const TUSHARE_TOKEN_ACCOUNT = 'tushare/token';
const DEFAULT_TIMEOUT_MS = 30_000;

export interface TushareTable {
  fields: string[];
  items: unknown[][];
}

export interface TushareClientOptions {
  /** where to POST; default http://api.tushare.pro (tests point it at a local server) */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Error codes Tushare documents, with what to tell the trader. */
const KNOWN_CODES: Readonly<Record<number, { code: string; text: string }>> = {
  2002: { code: 'TUSHARE_NO_PERMISSION', text: '无权限：该 Token 没有此接口的权限（积分不足或未开通，margin_detail 需要 2000 积分），或 Token 无效' },
  // 每分钟/每小时/每天最多访问该接口 N 次: callers back off (per minute) or stop and resume later.
  40203: { code: 'TUSHARE_RATE_LIMIT', text: '访问频率超限' },
};

/** Parse and check a base URL; only http(s), and never one carrying credentials. */
export function tushareBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TraderError('TUSHARE_URL', `Tushare 地址无效：${input}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TraderError('TUSHARE_URL', `Tushare 地址只支持 http/https：${input}`);
  if (url.username || url.password) throw new TraderError('TUSHARE_URL', 'Tushare 地址不应包含用户名或密码');
  return url.toString();
}

export class TushareClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(opts: TushareClientOptions = {}) {
    this.baseUrl = tushareBaseUrl(opts.baseUrl ?? DEFAULT_TUSHARE_URL);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** One call. Rejects with a TraderError whose Chinese message never contains the token. */
  async query(apiName: string, token: string, params: Record<string, string>, fields: readonly string[], signal?: AbortSignal): Promise<TushareTable> {
    const scrub = (text: string) => (token ? text.split(token).join('***') : text);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await fetch(this.baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_name: apiName, token, params, fields: fields.join(',') }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new TraderError('CANCELLED', '导入已取消');
      if (timeout.aborted) throw new TraderError('TUSHARE_NETWORK', `连接 Tushare 超时（${Math.round(this.timeoutMs / 1000)} 秒）：${this.baseUrl}`);
      throw new TraderError('TUSHARE_NETWORK', `无法连接 Tushare（${this.baseUrl}）：${scrub(causeOf(error))}`);
    }
    if (!res.ok) throw new TraderError('TUSHARE_HTTP', `Tushare 返回 HTTP ${res.status}（${this.baseUrl}）`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new TraderError('TUSHARE_BAD_REPLY', 'Tushare 的应答不是 JSON');
    }
    return parseReply(body, apiName, scrub);
  }
}

function causeOf(error: unknown): string {
  // undici puts the useful part (ECONNREFUSED …) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause || (error instanceof Error ? error.message : String(error));
}

function parseReply(body: unknown, apiName: string, scrub: (s: string) => string): TushareTable {
  if (typeof body !== 'object' || body === null) throw new TraderError('TUSHARE_BAD_REPLY', 'Tushare 的应答格式错误');
  const { code, msg, data } = body as { code?: unknown; msg?: unknown; data?: unknown };
  if (typeof code !== 'number') throw new TraderError('TUSHARE_BAD_REPLY', 'Tushare 的应答缺少 code');
  if (code !== 0) {
    const detail = typeof msg === 'string' && msg ? `：${scrub(msg)}` : '';
    const known = KNOWN_CODES[code];
    throw new TraderError(known?.code ?? 'TUSHARE_ERROR', known ? `Tushare ${apiName} ${known.text}（代码 ${code}${detail}）` : `Tushare ${apiName} 返回错误（代码 ${code}）${detail}`);
  }
  const table = data as { fields?: unknown; items?: unknown } | null;
  if (!table || !Array.isArray(table.fields) || !Array.isArray(table.items) || !table.fields.every((f) => typeof f === 'string') || !table.items.every(Array.isArray)) {
    throw new TraderError('TUSHARE_BAD_REPLY', 'Tushare 的应答缺少 data.fields 或 data.items');
  }
  return { fields: table.fields as string[], items: table.items as unknown[][] };
}
