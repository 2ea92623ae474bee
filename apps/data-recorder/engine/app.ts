/** 行情记录's engine part: the engine's shared recorder (history service); list changes pushed as 'recording'. */
import { defineEngineApp } from '../../../electron/engine/apps/engine-app';
import { dataRecorderApp } from '../common/app';

export default defineEngineApp(dataRecorderApp, (ctx) => {
  const { service } = ctx.history;
  const off = ctx.history.onRecording((codes) => ctx.emit('recording', { codes }));
  return {
    handlers: {
      'data-recorder/list': () => ({ codes: service.recordings() }),
      'data-recorder/add': ({ code }) => ({ codes: service.addRecording(code) }),
      'data-recorder/remove': ({ code }) => ({ codes: service.removeRecording(code) }),
    },
    close: off,
  };
});
