/**
 * While this tab deliberately takes the Calls session somewhere else (the dev Auth-Key login signs
 * out first), the follower must not "repair" the sign-out by signing the app user back in.
 */
let pauses = 0

/** Pauses following until the returned function is called. */
export function pauseFollowing(): () => void {
  pauses++
  let resumed = false
  return () => {
    if (!resumed) pauses--
    resumed = true
  }
}

export const isFollowingPaused = () => pauses > 0
