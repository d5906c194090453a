/**
 * What a bench page logs (`console.debug`) when its visit is over: its first call token, or a
 * failure. The runner waits for this message instead of polling the page, because a poll runs the
 * runner's own script on the page's main thread, in the middle of what is measured.
 */
export const DONE_SIGNAL = 'bench:done'
