/**
 * The `<meta name>` under which `callsSdkPreload({ start: 'entry' })` writes each file of the Calls
 * SDK chunk into the HTML, for the app's entry chunk to start downloading (one meta per file).
 */
export const SDK_CHUNK_META = 'callsession:calls-sdk-chunk'
