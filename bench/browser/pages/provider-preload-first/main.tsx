// (f) = (a) with preloadCallsSdk() in the entry's first import instead of after the imports.
import '../common/preloadSdk.js'
import { createRoot } from 'react-dom/client'
import { ProviderApp } from '../common/ProviderApp.js'

const root = document.getElementById('root')
if (root) createRoot(root).render(<ProviderApp />)
