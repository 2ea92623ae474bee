/** K线图's window; the code comes from the address (?code=600000.SSE) when opened from a row. */
import type { AppViewProps } from '../../../renderer/src/apps/app-view';
import { KlinePage } from './KlinePage';

export default function KlineView({ client }: AppViewProps) {
  return <KlinePage client={client} initialCode={new URLSearchParams(window.location.search).get('code') ?? ''} />;
}
