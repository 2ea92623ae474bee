/** The menu bar, drawn from common/menu-model (the same model as Electron's native menu). */
import { useEffect, useState } from 'react';
import { buildMenu } from '../../../common/menu-model';
import type { AppClient } from '../bridge/transport';
import { useApp } from '../state/store';
import { runMenuAction } from './menu-actions';

export function MenuBar({ client }: { client: AppClient }) {
  const gateways = useApp((s) => s.gateways);
  const apps = useApp((s) => s.appInfo?.apps);
  const [open, setOpen] = useState<string | null>(null);
  const groups = buildMenu(gateways, apps ?? []);

  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(null);
    window.addEventListener('click', close);
    return () => window.removeEventListener('click', close);
  }, [open]);

  return (
    <nav className="menubar" role="menubar">
      {groups.map((g) => (
        <div key={g.id} className="menu">
          <button
            role="menuitem"
            data-menu={g.id}
            className={open === g.id ? 'open' : ''}
            onClick={(e) => {
              e.stopPropagation();
              setOpen(open === g.id ? null : g.id);
            }}
          >
            {g.label}
          </button>
          {open === g.id && (
            <ul role="menu" className="dropdown">
              {g.entries.map((entry) => (
                <li key={entry.id} className={entry.separatorBefore ? 'separated' : ''}>
                  <button role="menuitem" data-menu-id={entry.id} disabled={!entry.enabled} onClick={() => runMenuAction(entry.action, client)}>
                    {entry.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <span className="brand">TS Trader</span>
    </nav>
  );
}
