/**
 * The gateways as the native menu last showed them. 'gateway' events arrive for every change
 * of a gateway (its message too); the menu is rebuilt only when something it shows changed:
 * a new gateway, a display name, a status (which enables 连接/断开/actions), the actions.
 */
import type { GatewayInfo } from '../../common/bridge-contract';

function menuSignature(g: GatewayInfo): string {
  return JSON.stringify([g.displayName, g.status, g.actions.map((a) => [a.name, a.label])]);
}

export class GatewayMenuState {
  private readonly gateways = new Map<string, GatewayInfo>();

  constructor(initial: readonly GatewayInfo[] = []) {
    for (const g of initial) this.gateways.set(g.name, g);
  }

  /** Record a gateway event; true when the menu must be rebuilt. */
  update(info: GatewayInfo): boolean {
    const before = this.gateways.get(info.name);
    this.gateways.set(info.name, info);
    return before === undefined || menuSignature(before) !== menuSignature(info);
  }

  /** In the order the gateways were first seen, which is the engine's order. */
  list(): GatewayInfo[] {
    return [...this.gateways.values()];
  }
}
