/** Close a right-click menu on the next click or key press anywhere in the window. */
import { useEffect } from 'react';

export function useDismiss(open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    window.addEventListener('click', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('click', close);
      window.removeEventListener('keydown', close);
    };
  }, [open, close]);
}
