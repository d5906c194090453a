// What a React app imports from Auth0 (auth0-spa-js comes with it).
export { Auth0Provider, useAuth0 } from '@auth0/auth0-react'
