/** The pieces of code the timeline can show (extracted from the real files at build time). */
export type SnippetName =
  | 'provider'
  | 'hook'
  | 'tokenHandler'
  | 'refresh'
  | 'followTabs'
  | 'callToken'
  | 'joinCall'
