/**
 * Every react-query key starts with one of these roots, so a change to one
 * kind of object invalidates every list and detail of it by prefix — the live
 * event stream and the mutations both rely on that.
 *
 *   calls:      ['calls', 'list', filters] · ['calls', 'detail', id] · ['calls', 'history', id]
 *   awaiting:   ['awaiting', filters]
 *   officials:  ['officials', 'list', filters] · ['officials', 'detail', id] …
 *   ministries: ['ministries', 'list', filters] · ['ministries', 'detail', id] …
 *   stats:      ['stats', …]
 *   auth:       ['auth', 'setup'] · ['auth', 'me']
 *   account:    ['account', 'tokens' | 'sessions' | 'mfa']   (the logged-in user's own)
 *   users:      ['users', 'list'] · ['users', 'detail' | 'tokens' | 'sessions', id]   (admin)
 *   audit:      ['audit', 'list', filters] · ['audit', 'verify']   (admin)
 *   alerts:     ['alerts', 'rules'] · ['alerts', 'notifications']   (the logged-in user's own)
 *   webhooks:   ['webhooks', 'list'] · ['webhooks', 'detail' | 'deliveries', id]   (admin)
 *   rounds:     ['rounds', 'list', filters] · ['rounds', 'options'] · ['rounds', 'detail', id]
 */
export const queryRoots = {
  calls: ['calls'],
  awaiting: ['awaiting'],
  officials: ['officials'],
  ministries: ['ministries'],
  stats: ['stats'],
  auth: ['auth'],
  account: ['account'],
  users: ['users'],
  audit: ['audit'],
  alerts: ['alerts'],
  webhooks: ['webhooks'],
  rounds: ['rounds'],
} as const;

/** The roots a change to a call, an official or a ministry makes stale. */
export const staleAfterChange = {
  // Officials and ministries are embedded in calls, so their changes reach the call lists too.
  // A call's change moves its round's summary; a round's change (a deletion clears its calls' roundId) reaches the calls.
  call: [queryRoots.calls, queryRoots.awaiting, queryRoots.stats, queryRoots.rounds],
  round: [queryRoots.rounds, queryRoots.calls, queryRoots.awaiting, queryRoots.stats],
  official: [queryRoots.officials, queryRoots.calls, queryRoots.awaiting, queryRoots.stats],
  ministry: [queryRoots.ministries, queryRoots.officials, queryRoots.calls, queryRoots.awaiting, queryRoots.stats],
  // An absence changes its official's working time: the waits and statistics in working time follow.
  absence: [queryRoots.officials, queryRoots.calls, queryRoots.awaiting, queryRoots.stats],
  // The event stream sends a user only their own notifications.
  notification: [queryRoots.alerts],
} as const;

export type ChangedKind = keyof typeof staleAfterChange;
