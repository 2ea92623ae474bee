/** How a trader names an offset (开平): Offset.CLOSE's value alone ('平') reads as a fragment. */
import { Offset } from '../constants';

export function offsetLabel(offset: Offset): string {
  switch (offset) {
    case Offset.OPEN: return '开仓';
    case Offset.CLOSE: return '平仓';
    case Offset.CLOSETODAY: return '平今';
    case Offset.CLOSEYESTERDAY: return '平昨';
    case Offset.NONE: return '未指明开平';
  }
}
