import { watchEnvironment } from './environment.js'
import { openTabChannel, type TabChannel, type TabMessage } from './tabChannel.js'

/**
 * The session's ties to its surroundings (other tabs, visibility, network), attached while at
 * least one holder retains them. The release is deferred a microtask so a StrictMode
 * unmount/remount keeps the listeners instead of churning them.
 */
export function createSessionLink(
  channelName: string,
  onTabMessage: (message: TabMessage) => void,
  onWake: () => void,
) {
  let holders = 0
  let channel: TabChannel | undefined
  let detach: (() => void) | undefined
  return {
    /** The channel to the other tabs, while retained. */
    get channel() {
      return channel
    },
    retain(): () => void {
      holders++
      if (!detach) {
        const tabs = openTabChannel(channelName, onTabMessage)
        const unwatch = watchEnvironment(onWake)
        channel = tabs
        detach = () => {
          unwatch()
          tabs.close()
          channel = detach = undefined
        }
      }
      let released = false
      return () => {
        if (released) return
        released = true
        holders--
        queueMicrotask(() => holders || detach?.())
      }
    },
    /** Detaches now, whoever holds it (destroy). */
    close() {
      holders = 0
      detach?.()
    },
  }
}
