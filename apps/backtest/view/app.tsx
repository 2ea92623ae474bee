/** 回测's window. */
import type { AppViewProps } from '../../../renderer/src/apps/app-view';
import { BacktestPage } from './BacktestPage';

export default function BacktestView({ client }: AppViewProps) {
  return <BacktestPage client={client} />;
}
