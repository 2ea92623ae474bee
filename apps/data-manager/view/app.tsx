/** 数据管理's window. */
import type { AppViewProps } from '../../../renderer/src/apps/app-view';
import { DataManagerPage } from './DataManagerPage';

export default function DataManagerView({ client }: AppViewProps) {
  return <DataManagerPage client={client} />;
}
