/** 策略管理's window. */
import type { AppViewProps } from '../../../renderer/src/apps/app-view';
import { StrategyManagerPage } from './StrategyManagerPage';

export default function StrategyManagerView({ client }: AppViewProps) {
  return <StrategyManagerPage client={client} />;
}
