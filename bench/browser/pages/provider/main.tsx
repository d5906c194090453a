// (b) Our pattern without preload: the SDK chunk loads when sign-in starts (the provider's effect).
import { createRoot } from 'react-dom/client'
import { ProviderApp } from '../common/ProviderApp.js'

const root = document.getElementById('root')
if (root) createRoot(root).render(<ProviderApp />)
