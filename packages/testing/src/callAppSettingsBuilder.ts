import type { CometChatCallsV5AppSettings, CometChatCallsV5AppSettingsBuilder } from './types.js'

/** v5's deprecated builder: it validates nothing (`init` does) and knows only `host`. */
export class CallAppSettingsBuilder implements CometChatCallsV5AppSettingsBuilder {
  appId = ''
  region = ''
  host: string | undefined

  setAppId(appId: string): this {
    this.appId = appId
    return this
  }

  setRegion(region: string): this {
    this.region = region
    return this
  }

  setHost(host: string): this {
    this.host = host
    return this
  }

  build(): CometChatCallsV5AppSettings {
    return new CallAppSettings(this.appId, this.region, this.host)
  }
}

/** What the builder builds; `init` reads it through its getters. */
export class CallAppSettings implements CometChatCallsV5AppSettings {
  constructor(
    private readonly appId: string,
    private readonly region: string,
    private readonly host: string | undefined,
  ) {}

  getAppId(): string {
    return this.appId
  }

  getRegion(): string {
    return this.region
  }

  getHost(): string | undefined {
    return this.host
  }
}
