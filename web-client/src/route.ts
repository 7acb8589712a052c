// Hash routes: #/ (negotiations), #/n/1 (a negotiation), #/n/1/r/2 (a revision),
// #/n/1/diff/2/3 (the changes from revision 2 to revision 3), #/n/1/r/2/merge (the workspace of the revision after
// revision 2), #/n/1/fates (what happened to proposals), #/n/1/participants and #/n/1/delegations (the
// secretariat's pages), #/invitation/{token} (setting one's password with a one-time invitation, logged out),
// #/n/1/r/2/groups/ARAB (the Arab Group's private stage).

export type Route =
  | { view: 'negotiations' }
  | { view: 'negotiation'; negotiation: number }
  | { view: 'revision'; negotiation: number; revision: number }
  | { view: 'diff'; negotiation: number; from: number; to: number }
  | { view: 'workspace'; negotiation: number; revision: number }
  | { view: 'fates'; negotiation: number }
  | { view: 'participants'; negotiation: number }
  | { view: 'delegations'; negotiation: number }
  | { view: 'invitation'; token: string }
  | { view: 'group'; negotiation: number; revision: number; group: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0);
  const num = (s: string | undefined) => (s !== undefined && /^[0-9]+$/.test(s) ? Number(s) : NaN);
  if (parts[0] === 'invitation' && parts[1]) {
    try {
      return { view: 'invitation', token: decodeURIComponent(parts[1]) };
    } catch {
      return { view: 'invitation', token: parts[1] };
    }
  }
  if (parts[0] === 'n' && !Number.isNaN(num(parts[1]))) {
    if (parts[2] === 'r' && !Number.isNaN(num(parts[3])) && parts[4] === 'merge') {
      return { view: 'workspace', negotiation: num(parts[1]), revision: num(parts[3]) };
    }
    if (parts[2] === 'r' && !Number.isNaN(num(parts[3])) && parts[4] === 'groups' && /^[A-Za-z0-9_-]{2,32}$/.test(parts[5] ?? '')) {
      return { view: 'group', negotiation: num(parts[1]), revision: num(parts[3]), group: parts[5].toUpperCase() };
    }
    if (parts[2] === 'r' && !Number.isNaN(num(parts[3]))) {
      return { view: 'revision', negotiation: num(parts[1]), revision: num(parts[3]) };
    }
    if (parts[2] === 'diff' && !Number.isNaN(num(parts[3])) && !Number.isNaN(num(parts[4]))) {
      return { view: 'diff', negotiation: num(parts[1]), from: num(parts[3]), to: num(parts[4]) };
    }
    if (parts[2] === 'fates') return { view: 'fates', negotiation: num(parts[1]) };
    if (parts[2] === 'participants') return { view: 'participants', negotiation: num(parts[1]) };
    if (parts[2] === 'delegations') return { view: 'delegations', negotiation: num(parts[1]) };
    return { view: 'negotiation', negotiation: num(parts[1]) };
  }
  return { view: 'negotiations' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'negotiations':
      return '#/';
    case 'negotiation':
      return `#/n/${route.negotiation}`;
    case 'revision':
      return `#/n/${route.negotiation}/r/${route.revision}`;
    case 'diff':
      return `#/n/${route.negotiation}/diff/${route.from}/${route.to}`;
    case 'workspace':
      return `#/n/${route.negotiation}/r/${route.revision}/merge`;
    case 'fates':
      return `#/n/${route.negotiation}/fates`;
    case 'participants':
      return `#/n/${route.negotiation}/participants`;
    case 'delegations':
      return `#/n/${route.negotiation}/delegations`;
    case 'invitation':
      return `#/invitation/${encodeURIComponent(route.token)}`;
    case 'group':
      return `#/n/${route.negotiation}/r/${route.revision}/groups/${route.group}`;
  }
}

/**
 * Where the user is: the route of the location's hash, followed as it changes (links, back and forward). The
 * root renders the view it names; a plain EventTarget like the other models.
 */
export class Navigation extends EventTarget {
  static readonly changeType = 'route-change';
  route: Route;

  constructor(private readonly location: { hash: string } = window.location) {
    super();
    this.route = parseRoute(location.hash);
  }

  /** Reads the hash again (on hashchange). */
  update(): void {
    this.route = parseRoute(this.location.hash);
    this.dispatchEvent(new Event(Navigation.changeType));
  }
}
