// The faithful fake Calls SDK that core's own tests use (one fake for the whole repo).
export { createFakeSdkV4, createFakeSdkV5 } from '../../../packages/core/test/fakeSdk.js'
