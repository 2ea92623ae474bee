/**
 * Starts the registered apps and keeps them: their handlers become dispatcher features,
 * their manifests the 功能 menu and the windows, and they close (in reverse order) before
 * the gateways do. An app whose engine part fails to start is reported in the log and its
 * requests answer APP_FAILED with the reason; the terminal and the other apps carry on.
 */
import { isValidAppName, type AppManifest, type AppSummary } from '../../../common/app-model';
import { LogLevel } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import type { BridgeFeature } from '../bridge/feature';
import type { AppContext, AppInstance, EngineApp } from './engine-app';

interface Started {
  manifest: AppManifest;
  instance: AppInstance | undefined;
  /** why it did not start */
  failure: string | undefined;
}

export class AppHost {
  private constructor(
    private readonly started: readonly Started[],
    private readonly log: (msg: string, level: LogLevel) => void,
  ) {}

  /**
   * Start every app in order. A name that is not a valid app name, or one registered twice,
   * is a start-up error (a programming mistake, not a trader's).
   */
  static async start(apps: readonly EngineApp[], contextFor: (manifest: AppManifest) => AppContext, log: (msg: string, level: LogLevel) => void): Promise<AppHost> {
    const seen = new Set<string>();
    for (const app of apps) {
      const name = app.manifest.name;
      if (!isValidAppName(name)) throw new Error(`功能名称“${name}”无效：应为小写字母开头的小写字母、数字和连字符`);
      if (seen.has(name)) throw new Error(`功能“${name}”重复注册`);
      seen.add(name);
    }
    const started: Started[] = [];
    for (const app of apps) {
      try {
        started.push({ manifest: app.manifest, instance: await app.create(contextFor(app.manifest)), failure: undefined });
      } catch (error) {
        const failure = error instanceof Error ? error.message : String(error);
        log(`功能“${app.manifest.displayName}”启动失败：${failure}`, LogLevel.ERROR);
        started.push({ manifest: app.manifest, instance: undefined, failure });
      }
    }
    return new AppHost(started, log);
  }

  /** The apps' manifests, in registration order (the 功能 menu's order). */
  manifests(): AppManifest[] {
    return this.started.map((s) => s.manifest);
  }

  /** What a window needs to list and open the apps (app/info). */
  summaries(): AppSummary[] {
    return this.started.map(({ manifest: { name, displayName, window } }) => ({ name, displayName, window }));
  }

  /** Each app's contract part with its handlers; a failed app's requests say why it is missing. */
  features(): BridgeFeature[] {
    return this.started.map(({ manifest, instance, failure }) => {
      if (instance) return { contract: manifest.contract, handlers: instance.handlers };
      const refuse = () => {
        throw new TraderError('APP_FAILED', `功能“${manifest.displayName}”未能启动：${failure ?? ''}`);
      };
      return { contract: manifest.contract, handlers: Object.fromEntries(Object.keys(manifest.contract.requests).map((name) => [name, refuse])) };
    });
  }

  /** The service an app offers the host (undefined if it is not running or offers none). */
  service(name: string): unknown {
    return this.started.find((s) => s.manifest.name === name)?.instance?.service;
  }

  /** Close the apps, last started first; one failing to close does not keep the others open. */
  async close(): Promise<void> {
    for (const s of [...this.started].reverse()) {
      try {
        await s.instance?.close?.();
      } catch (error) {
        this.log(`关闭功能“${s.manifest.displayName}”时出错：${error instanceof Error ? error.message : String(error)}`, LogLevel.ERROR);
      }
    }
  }
}
