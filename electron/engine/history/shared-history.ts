/**
 * The one history service of a running engine, shared by the apps over the bar store
 * (数据管理, 行情记录, K线图): one bar.db connection and one recorder whatever the number of
 * apps, and each app hears the import progress and recording changes it pushes to its own
 * windows. The engine builds it; apps reach it through AppContext.history.
 */
import type { HistoryImportProgress, RecordingInfo } from '../../../common/history';
import { createHistory, type History, type HistoryParts } from './create-history';
import type { HistoryService } from './history-service';

export interface SharedHistory {
  readonly service: HistoryService;
  /** hear every import's progress; returns the function that stops listening */
  onProgress(listener: (p: HistoryImportProgress) => void): () => void;
  /** hear the recording list change; returns the function that stops listening */
  onRecording(listener: (list: RecordingInfo[]) => void): () => void;
}

function listeners<T>() {
  const set = new Set<(v: T) => void>();
  return {
    emit: (v: T) => {
      for (const l of set) l(v);
    },
    add: (l: (v: T) => void) => {
      set.add(l);
      return () => void set.delete(l);
    },
  };
}

export function createSharedHistory(parts: Omit<HistoryParts, 'emit' | 'onRecording'>): SharedHistory & { close(): void; history: History } {
  const progress = listeners<HistoryImportProgress>();
  const recording = listeners<RecordingInfo[]>();
  const history = createHistory({ ...parts, emit: progress.emit, onRecording: recording.emit });
  return {
    history,
    service: history.service,
    onProgress: progress.add,
    onRecording: recording.add,
    close: () => history.close(),
  };
}
