/**
 * What the MINIQMT gateway's parts share (the connection in miniqmt-gateway.ts, the account
 * reader, the order desk): where events go, the order book, the live sidecar and the form.
 */
import type { LogLevel } from '../../common/constants';
import type { OrderBook } from './order-book';
import type { OrderedEvents } from './ordered-events';
import type { MiniqmtSettings } from './settings';
import type { SidecarProcess } from './sidecar-process';

export interface GatewayCore {
  /** the instance name, prefix of every vt_ id */
  readonly name: string;
  readonly events: OrderedEvents;
  readonly book: OrderBook;
  now(): number;
  log(msg: string, level?: LogLevel): void;
  /** the connect form in force (set before any part is asked to work) */
  settings(): MiniqmtSettings;
  /** the running sidecar, if there is one */
  sidecar(): SidecarProcess | undefined;
  /** logged in and accepting orders */
  isReady(): boolean;
  /** one request's deadline in ms */
  timeout(): number;
}
