/**
 * The strategy parameters the trader types into the 回测 window, as JSON text. One check
 * serves both sides: the window says what is wrong before sending, the engine refuses the
 * same text with the same words (a request may come from elsewhere).
 */
import { TraderError } from '../../../common/errors';

/** The params as an object ("" is none); a TraderError with a Chinese message otherwise. */
export function parseParamsText(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (error) {
    throw new TraderError('BAD_ARGS', `策略参数不是有效的 JSON：${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TraderError('BAD_ARGS', '策略参数应为 JSON 对象，如 {"fast": 5, "slow": 20}');
  return v as Record<string, unknown>;
}

/** What is wrong with the params text, or '' when it is fine. */
export function paramsProblem(text: string): string {
  try {
    parseParamsText(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
