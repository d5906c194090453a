// What an app imports from Supabase's auth client.
export { GoTrueClient } from '@supabase/auth-js'
