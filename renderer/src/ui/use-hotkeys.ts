/** F1 买入 and F2 卖出 focus the panel with the direction set; Esc clears it; Enter in the panel sends. */
import { useEffect } from 'react';
import { Direction } from '../../../common/constants';
import { useApp } from '../state/store';

export function useHotkeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const store = useApp.getState();
      if (e.key === 'F1' || e.key === 'F2') {
        e.preventDefault();
        store.focusPanel(e.key === 'F1' ? Direction.LONG : Direction.SHORT);
      } else if (e.key === 'Escape' && !store.dialog) {
        store.clearPanel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
