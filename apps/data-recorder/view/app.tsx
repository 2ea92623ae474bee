/** 行情记录's window. */
import type { AppViewProps } from '../../../renderer/src/apps/app-view';
import { DataRecorderPage } from './DataRecorderPage';

export default function DataRecorderView({ client }: AppViewProps) {
  return <DataRecorderPage client={client} />;
}
