/**
 * BroadcastChannel within one JS realm, as browsers do it: a structured clone of each message, to
 * every other open channel of that name, asynchronously, never to the sender. Node's own channel
 * delivers through a background port whose latency under jsdom varied by seconds, which made
 * tests flaky; the real one runs in the Chromium test.
 */
export class MemoryBroadcastChannel extends EventTarget {
  static readonly open = new Set<MemoryBroadcastChannel>()
  onmessage: ((event: MessageEvent) => void) | null = null
  #closed = false
  constructor(readonly name: string) {
    super()
    MemoryBroadcastChannel.open.add(this)
  }
  postMessage(data: unknown) {
    if (this.#closed) throw new DOMException('closed', 'InvalidStateError')
    const copy = structuredClone(data)
    for (const other of MemoryBroadcastChannel.open) {
      if (other === this || other.name !== this.name) continue
      setTimeout(() => {
        if (other.#closed) return
        const event = new MessageEvent('message', { data: structuredClone(copy) })
        other.onmessage?.(event)
        other.dispatchEvent(event)
      })
    }
  }
  close() {
    this.#closed = true
    MemoryBroadcastChannel.open.delete(this)
  }
}
