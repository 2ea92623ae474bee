/** 两融数据's window. */
import type { AppViewProps } from '../../../renderer/src/apps/app-view';
import { MarginDataPage } from './MarginDataPage';

export default function MarginDataView({ client }: AppViewProps) {
  return <MarginDataPage client={client} />;
}
