/**
 * 行情记录's slice of the bridge contract: the codes recorded into 1-minute bars while a
 * gateway holding them is connected (kept in data_recorder_setting.json, so recording
 * survives reconnects and restarts), what each is doing, and adding or removing one.
 */
import { rowEvent, defineContract, type EventsOf, type RequestsOf } from '../../../common/contract/contract-map';
import { code } from '../../../common/contract/fields';
import { s } from '../../../common/schema';
import type { RecordingInfo } from '../../../common/history';

export const dataRecorderContract = defineContract({
  feature: '行情记录',
  requests: {
    /** the recorded codes, in the order they were added */
    'data-recorder/list': s.object({}),
    /** record a code (any code form); subscribes at once when a connected gateway has it */
    'data-recorder/add': s.object({ code }),
    /** stop recording a code; its bars stay */
    'data-recorder/remove': s.object({ code }),
  },
  events: {
    /** the whole list, after any change of it or of a code's state (one row: the latest is all a window needs) */
    recording: rowEvent((_list: RecordingList) => 'all'),
  },
});

export interface RecordingList {
  codes: RecordingInfo[];
}

export interface DataRecorderResults {
  'data-recorder/list': RecordingList;
  'data-recorder/add': RecordingList;
  'data-recorder/remove': RecordingList;
}

declare module '../../../common/contract/contract-map' {
  interface RequestMap extends RequestsOf<typeof dataRecorderContract, DataRecorderResults> {}
  interface BridgeEvents extends EventsOf<typeof dataRecorderContract> {}
}
