// Imported first by the entry: a bundle evaluates its modules in import order, so the SDK request
// starts before React and the app evaluate (their bytes have arrived by then: same chunk).
import { preloadCallsSdk } from '@callsession/core'

preloadCallsSdk().catch(() => {})
