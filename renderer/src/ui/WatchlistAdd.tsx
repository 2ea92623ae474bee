/** 行情's own way to add a 自选 code: type it (any code form) and press Enter or 加自选. */
import { useState } from 'react';
import type { AppClient } from '../bridge/transport';
import { useApp } from '../state/store';

export function WatchlistAdd({ client }: { client: AppClient }) {
  const [code, setCode] = useState('');
  const toast = useApp((s) => s.toast);
  return (
    <form
      className="watchlist-add"
      data-testid="watchlist-add"
      onSubmit={(e) => {
        e.preventDefault();
        const wanted = code.trim();
        if (!wanted) return;
        client.request('watchlist/add', { code: wanted }).then(() => setCode(''), (error: Error) => toast('error', error.message));
      }}
    >
      <input data-testid="watchlist-code" value={code} placeholder="代码" aria-label="自选代码" onChange={(e) => setCode(e.target.value)} />
      <button type="submit">加自选</button>
    </form>
  );
}
