// (a) Our pattern: the SDK chunk starts loading at module top level, before React renders.
import { preloadCallsSdk } from '@callsession/core'
import { createRoot } from 'react-dom/client'
import { ProviderApp } from '../common/ProviderApp.js'

preloadCallsSdk().catch(() => {})

const root = document.getElementById('root')
if (root) createRoot(root).render(<ProviderApp />)
