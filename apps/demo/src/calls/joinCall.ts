/** The slice of the 4.2.6 SDK the demo uses to show a call (typed here, loaded lazily). */
interface CallsUi {
  CallSettingsBuilder: new () => {
    enableDefaultLayout(on: boolean): CallsUiBuilder
  }
  OngoingCallListener: new (handlers: {
    onCallEnded?: () => void
    onCallEndButtonPressed?: () => void
    onError?: (error: unknown) => void
  }) => unknown
  startSession(callToken: string, settings: unknown, element: HTMLElement): Promise<void>
  endSession(): void
}
interface CallsUiBuilder {
  setIsAudioOnlyCall(audioOnly: boolean): CallsUiBuilder
  setCallListener(listener: unknown): CallsUiBuilder
  build(): unknown
}

/**
 * Opens the SDK's own call UI in `element` (real CometChat only: media needs its servers). The SDK
 * module is the one core already initialized, so no second `init`. Resolves when the UI started;
 * `onEnd` runs when the call ends or the user presses the end button.
 */
export async function joinCall(
  callToken: string,
  element: HTMLElement,
  { onEnd, onError }: { onEnd: () => void; onError: (error: unknown) => void },
): Promise<() => void> {
  const module = (await import('@cometchat/calls-sdk-javascript')) as unknown as {
    CometChatCalls: CallsUi
  }
  const CometChatCalls = module.CometChatCalls
  // #region snippet:join
  const settings = new CometChatCalls.CallSettingsBuilder()
    .enableDefaultLayout(true)
    .setIsAudioOnlyCall(false)
    .setCallListener(
      new CometChatCalls.OngoingCallListener({
        onCallEnded: onEnd,
        onCallEndButtonPressed: () => CometChatCalls.endSession(),
        onError,
      }),
    )
    .build()
  await CometChatCalls.startSession(callToken, settings, element)
  // #endregion
  return () => CometChatCalls.endSession()
}
