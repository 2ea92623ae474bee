/**
 * 连接 dialog, generated from the plugin's settings schema: labelled fields, passwords
 * masked, enums as selects, booleans as checkboxes, numbers checked before sending.
 * Prefilled from connect_<name>.json; a stored password is never sent back to the page.
 * The fields take no typing until the saved settings are in: arriving later, they would
 * replace whatever had been typed meanwhile.
 */
import { useEffect, useState } from 'react';
import type { GatewayInfo } from '../../../common/bridge-contract';
import type { GatewaySettings, SettingField, SettingValue } from '../../../common/gateway-api';
import { normaliseSettings } from '../../../common/settings-form';
import type { AppClient } from '../bridge/transport';
import { useApp } from '../state/store';

type Phase = { kind: 'loading' } | { kind: 'editing' } | { kind: 'connecting' } | { kind: 'failed'; message: string } | { kind: 'connected' };

function Field({ name, field, value, stored, onChange }: { name: string; field: SettingField; value: SettingValue | undefined; stored: boolean; onChange: (v: SettingValue) => void }) {
  const id = `connect-field-${name}`;
  switch (field.type) {
    case 'password':
      return <input id={id} data-testid={id} type="password" autoComplete="off" value={String(value ?? '')} placeholder={stored ? '已保存于系统钥匙串（留空沿用）' : ''} onChange={(e) => onChange(e.target.value)} />;
    case 'bool':
      return <input id={id} data-testid={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum':
      return (
        <select id={id} data-testid={id} value={String(value ?? field.default)} onChange={(e) => onChange(e.target.value)}>
          {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
    case 'int':
    case 'float':
      return <input id={id} data-testid={id} inputMode={field.type === 'int' ? 'numeric' : 'decimal'} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <input id={id} data-testid={id} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
  }
}

export function ConnectDialog({ client, gateway }: { client: AppClient; gateway: GatewayInfo }) {
  const close = () => useApp.getState().openDialog(null);
  const [values, setValues] = useState<GatewaySettings>({});
  const [stored, setStored] = useState<Record<string, boolean>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  useEffect(() => {
    client.request('gateway/settings', { gateway: gateway.name }).then(
      (r) => {
        setValues(r.settings);
        setStored(r.stored);
        setPhase({ kind: 'editing' });
      },
      (e: Error) => setPhase({ kind: 'failed', message: e.message }),
    );
  }, [client, gateway.name]);

  const submit = () => {
    let settings: GatewaySettings;
    try {
      settings = normaliseSettings(gateway.settings, values);
    } catch (e) {
      setPhase({ kind: 'failed', message: (e as Error).message });
      return;
    }
    setPhase({ kind: 'connecting' });
    client.request('gateway/connect', { gateway: gateway.name, settings }).then(
      () => {
        setPhase({ kind: 'connected' });
        window.setTimeout(close, 600);
      },
      (e: Error) => setPhase({ kind: 'failed', message: e.message }),
    );
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-label={`连接${gateway.displayName}`} data-testid="connect-dialog">
        <h3>连接{gateway.displayName}</h3>
        {gateway.notice && <p className="dialog-notice" data-testid="connect-notice">{gateway.notice}</p>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset className="dialog-fields" disabled={phase.kind === 'loading'}>
            {Object.entries(gateway.settings).map(([name, field]) => (
              <div className="form-row" key={name}>
                <label htmlFor={`connect-field-${name}`}>{name}</label>
                <Field name={name} field={field} value={values[name]} stored={stored[name] ?? false} onChange={(v) => setValues({ ...values, [name]: v })} />
              </div>
            ))}
          </fieldset>
          <p className={`dialog-status ${phase.kind}`} data-testid="connect-status" role="status">
            {phase.kind === 'loading' && '读取配置…'}
            {phase.kind === 'connecting' && '连接中…'}
            {phase.kind === 'connected' && '连接成功'}
            {phase.kind === 'failed' && phase.message}
          </p>
          <div className="buttons">
            <button type="submit" data-testid="connect-submit" disabled={phase.kind === 'loading' || phase.kind === 'connecting'}>连接</button>
            <button type="button" onClick={close}>取消</button>
          </div>
        </form>
      </div>
    </div>
  );
}
