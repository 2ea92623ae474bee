/**
 * The Tushare Pro token row shared by 数据管理 and 两融数据: a masked input, 保存/删除, and
 * whether a token is kept (in the keychain, or only for this session when there is none).
 * The token itself never comes back from the engine; only whether one is stored.
 */
import { useState } from 'react';
import './token-field.css';

export interface TokenStatus {
  stored: boolean;
  /** false when there is no keychain and the token lasts only for this session */
  persistent: boolean;
}

/** The line a page shows after a save or a delete. */
export function tokenSavedMessage(s: TokenStatus): string {
  if (!s.stored) return 'Token 已删除';
  return s.persistent ? 'Token 已保存到系统钥匙串' : '系统钥匙串不可用：Token 只保存在本次会话中';
}

export function TushareTokenField({ testIdPrefix, status, onSave }: {
  /** data-testid prefix: `<prefix>-token`, `-token-save`, `-token-clear`, `-token-status` */
  testIdPrefix: string;
  status: TokenStatus | null;
  /** save this token ('' deletes); true once the engine has taken it (the input is then cleared; on a refusal it keeps what was typed) */
  onSave(token: string): Promise<boolean>;
}) {
  const [token, setToken] = useState('');
  const save = (value: string) =>
    void onSave(value).then((saved) => {
      if (saved) setToken('');
    });
  return (
    <>
      <label>
        Tushare Token
        <input type="password" data-testid={`${testIdPrefix}-token`} value={token} placeholder={status?.stored ? '已保存（输入新值可替换）' : '粘贴 Tushare Pro 的 Token'} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      </label>
      <button data-testid={`${testIdPrefix}-token-save`} onClick={() => save(token)} disabled={!token.trim()}>保存 Token</button>
      {status?.stored && <button data-testid={`${testIdPrefix}-token-clear`} onClick={() => save('')}>删除</button>}
      <span className={`token-status${status?.stored ? ' saved' : ''}`} data-testid={`${testIdPrefix}-token-status`}>
        {status === null ? '' : status.stored ? (status.persistent ? '已保存' : '已保存（仅本次会话）') : '未保存'}
      </span>
    </>
  );
}
