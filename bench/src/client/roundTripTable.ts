import type { TableRow } from '../report/table.js'
import { installDom } from './dom.js'
import {
  coldLogin,
  proactiveRefresh,
  type RoundTrips,
  reloadWithSdkSession,
  tabsRefreshingAtOnce,
} from './roundTrips.js'

const area = '2. Browser round trips (v5 model over HTTP, emulator)'

const describe = (trips: RoundTrips) =>
  `${trips.tokenRequests} token req + ${trips.sdkLogins} SDK login`

const detail = (trips: RoundTrips, note: string) =>
  `${trips.sdkCalls} SDK calls in all (init, getLoggedInUser… included); ${note}`

/** The round-trip rows: counts, identical on every machine. */
export async function roundTripTable(): Promise<TableRow[]> {
  installDom()
  const { fiftyComponentsStrictMode } = await import('./reactScenarios.js')
  const cold = await coldLogin()
  const fifty = await fiftyComponentsStrictMode()
  const reload = await reloadWithSdkSession()
  const refresh = await proactiveRefresh()
  const tabs = await tabsRefreshingAtOnce()
  return [
    { area, what: 'cold login', figure: describe(cold), detail: detail(cold, 'target 1 + 1') },
    {
      area,
      what: '50 components, StrictMode',
      figure: describe(fifty),
      detail: detail(fifty, 'provider uid + 100 login() calls; target 1 + 1'),
    },
    {
      area,
      what: 'reload, SDK holds session',
      figure: describe(reload),
      detail: detail(reload, 'v5 getLoggedInUser; target 0 token req'),
    },
    {
      area,
      what: 'one proactive refresh',
      figure: describe(refresh),
      detail: detail(refresh, 'after sign-in, 1 h token; target 1 token req'),
    },
    {
      area,
      what: '5 tabs refreshing at once',
      figure: describe(tabs),
      detail: detail(tabs, 'BroadcastChannel + Web Locks; target 1 token req'),
    },
  ]
}
