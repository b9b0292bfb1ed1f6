/**
 * English phrases for the intents and sentence shapes the templates in enRules.ts name by class
 * (`@helpPhrase`, `@synced`, `@reportTo`, …). Property words and the core classes are in en.ts.
 */
export const enPhrases: Record<string, readonly string[]> = {
  helpPhrase: [
    'help', 'help me', 'what can you do', 'what can i ask you', 'what can i ask', 'what can you help me with',
    'what can you help with', 'what do you do', 'how does this work', 'how do i use you', 'how do i use this',
    'how does this bot work', 'commands', 'show commands', 'list commands', 'what are your commands', 'show help',
    'menu', 'options', '?', 'usage', 'what are you', 'who are you', 'what are the commands', 'what do you understand',
    'get started', 'start', 'what can this bot do', 'what are your capabilities', 'what can i do',
    'what can i do here', 'instructions', 'how to use', 'i need help', 'need help', 'support', 'what can i say',
    'examples', 'show examples', 'what should i type', 'what do i type',
  ],
  want: [
    'i need', 'i want', "i'd like", 'i would like', 'we need', 'we want', "we'd like", 'we would like', 'get',
    'have', 'please get', 'please have', 'can you get', 'could you get', 'can you have', 'could you have',
    'can i have', 'could i have', 'i need to have', 'i want to have', 'i need you to get',
  ],
  mustBe: ['has to be', 'needs to be', 'must be', 'should be', 'needs', 'has to', 'needs to', 'must', 'should'],
  resetDone: ['reset', 'changed', 'renewed', 'regenerated', 'resetting', 'changing', 'a reset', 'be reset'],
  helpQuestion: [
    'what can you', 'what can i', 'what can i ask', 'how do i', 'how can i', 'how does', 'how do you', 'can you help',
    'help me with',
  ],
  approval: ['approval', 'approvals', 'approval requests', 'approval request', 'change approvals', 'approval cards'],
  here: [
    'here', 'to this channel', 'in this channel', 'in here', 'into this channel', 'to this chat', 'in this chat',
    'this channel',
  ],
  route: ['send', 'post', 'put', 'route', 'deliver', 'show'],
  myRequest: [
    'requests', 'request', 'change requests', 'change request', 'open requests', 'pending requests',
    'submitted requests',
  ],
  requestVerb: [
    'request', 'submit', 'file', 'raise', 'create', 'open', 'start', 'lodge', 'put in', 'ask for', 'make',
  ],
  changeNoun: ['change', 'change request', 'modification', 'changes'],
  undoVerb: ['undo', 'revert', 'roll back', 'rollback', 'reverse', 'take back', 'undo please'],
  lastChange: [
    'change', 'changes', 'last change', 'latest change', 'previous change', 'most recent change', 'last changes',
    'last action', 'last update', 'last edit', 'edit', 'update',
  ],

  synced: [
    'synced', 'synchronized', 'synchronised', 'syncing', "sync'd", 'dirsynced', 'dir-synced', 'directory synced',
    'cloud-only', 'cloud only', 'cloud-managed', 'cloud', 'on-prem', 'on-premises', 'on premises', 'on-premise',
    'onprem', 'hybrid', 'ad-synced', 'in sync', 'mastered', 'read-only', 'readonly', 'read only',
  ],
  syncVerb: ['sync', 'synchronize', 'synchronise', 'come from', 'get synced', 'get synchronized'],
  managed: [
    'managed', 'mastered', 'maintained', 'administered', 'hosted', 'stored', 'coming from', 'sourced', 'controlled',
    'synced', 'synchronized', 'synchronised',
  ],
  ad: [
    'ad', 'active directory', 'on-prem ad', 'on-premises ad', 'local ad', 'on-prem', 'on-premises', 'ad ds',
    'entra connect',
  ],
  cannot: [
    "can't", 'cannot', 'can not', "couldn't", 'could not', 'am i unable to', 'am i not able to', "won't it let me",
    "doesn't it let me", 'is it not possible to', "isn't it possible to", 'is it impossible to', 'does it fail to',
  ],
  where: [
    'in the portal', 'in the admin portal', 'in the admin center', 'in the admin centre', 'in entra', 'in entra id',
    'in azure ad', 'in azure', 'in the cloud', 'in microsoft 365', 'in m365', 'in office 365', 'in teams',
    'via the portal', 'online', 'here', 'through the portal', 'in the entra admin center', 'in aad', 'in graph',
    'via graph', 'anymore', 'from here', 'myself', 'in the azure portal', 'in the m365 admin center', 'through graph',
    'with this bot', 'with you',
  ],
  checkIf: [
    'check if', 'check whether', 'see if', 'tell me if', 'tell me whether', 'verify whether', 'verify if',
    'find out if', 'check that',
  ],
  syncStatus: [
    'sync status', 'synchronization status', 'synchronisation status', 'sync state', 'source of authority',
    'sync info', 'sync information', 'sync details', 'sync source',
  ],
  account: ['account', 'user account', 'user', 'profile', 'user object', 'login', 'account details'],
  history: [
    'history', 'change history', 'changes', 'change log', 'changelog', 'audit log', 'audit trail', 'audit history',
    'log', 'logs', 'activity', 'activity log', 'recent changes', 'past changes', 'previous changes',
    'modification history', 'edit history', 'revision history', 'history of changes', 'audit', 'audit logs',
  ],

  resetVerb: [
    'reset', 'change', 'renew', 'regenerate', 'generate', 'create', 'issue', 'set', 'update', 'send', 'set up',
    'recover', 'provide',
  ],
  temporary: ['temporary', 'temp', 'new', 'one-time', 'initial', 'fresh', 'random', 'new temporary'],
  password: ['password', 'passwords', 'pass word', 'pwd', 'pw', 'passcode', 'login password', 'pass'],
  resetNoun: ['reset', 'resets', 'change', 'renewal'],
  force: ['force', 'trigger', 'require', 'enforce', 'initiate', 'start', 'do', 'perform', 'kick off', 'schedule'],
  give: ['give', 'send', 'issue', 'provide', 'hand', 'generate'],
  lockedOut: [
    'is locked out', 'got locked out', 'was locked out', 'has been locked out', 'has locked himself out',
    'locked himself out', 'locked herself out', 'locked themselves out', 'has locked herself out', 'is locked',
    "can't log in", 'cannot log in', "can't sign in", 'cannot sign in', "can't login", 'is unable to log in',
    'is unable to sign in', 'can not log in', "can't get in", 'locked out', "can't access", 'is locked out of',
  ],
  forgot: ['forgot', 'has forgotten', 'forgot', "can't remember", 'cannot remember', "doesn't remember", 'lost'],
  need: [
    'needs', 'need', 'wants', 'should get', 'requires', 'must get', 'needs to get', 'should have', 'must have',
    'gets', 'will get', 'requests',
  ],
  noLongerNeed: [
    "doesn't need", 'does not need', 'no longer needs', "won't need", 'will not need', 'no longer uses',
    "doesn't use",
  ],

  revoke: [
    'revoke', 'end', 'kill', 'terminate', 'invalidate', 'close', 'stop', 'clear', 'reset', 'log out', 'sign out',
    'expire',
  ],
  sessionAdj: ['active', 'open', 'current', 'existing', 'signed-in', 'logged-in', 'live', 'running'],
  sessions: [
    'sessions', 'session', 'sign-in sessions', 'sign in sessions', 'login sessions', 'tokens', 'refresh tokens',
    'logins', 'sign-ins', 'access tokens', 'web sessions',
  ],
  signOut: [
    'sign out', 'log out', 'logout', 'signout', 'sign off', 'log off', 'force sign out', 'force log out',
    'force sign-out', 'force logout',
  ],
  signOutNoun: [
    'sign-out', 'sign out', 'logout', 'log out', 'log-out', 're-authentication', 'reauthentication', 're-login',
    'sign-in again',
  ],
  everywhere: [
    'everywhere', 'from everywhere', 'on all devices', 'of all devices', 'from all devices', 'on every device',
    'from every device', 'all devices', 'of all sessions', 'from all sessions', 'of everything', 'of all apps',
    'from all apps', 'on all apps', 'globally', 'of all', 'from all', 'of microsoft 365', 'of office 365', 'of m365',
  ],

  assign: [
    'assign', 'give', 'add', 'grant', 'allocate', 'provide', 'apply', 'hand out', 'issue', 'set up', 'enable',
    'provision',
  ],
  unassign: [
    'remove', 'unassign', 'revoke', 'take away', 'withdraw', 'delete', 'drop', 'deallocate', 'strip', 'take back',
    'retract', 'cancel', 'release', 'take off', 'disable',
  ],
  licence: [
    'license', 'licence', 'licenses', 'licences', 'license plan', '- license', '- licence', 'subscription', 'sku',
    'plan', 'seat',
  ],

  disable: [
    'disable', 'block', 'deactivate', 'suspend', 'lock', 'turn off', 'switch off', 'shut off', 'shut down',
    'lock out', 'freeze',
  ],
  enable: [
    'enable', 'unblock', 'activate', 'reactivate', 're-activate', 're-enable', 'reenable', 'unlock', 'turn on',
    'switch on', 'restore', 'unsuspend', 'turn back on', 'unfreeze',
  ],
  signIn: [
    'sign in', 'sign-in', 'signin', 'sign-ins', 'login', 'logins', 'log in', 'logon', 'access',
    'the ability to sign in', 'sign in access', 'log-in',
  ],
  shouldBe: [
    'should be', 'must be', 'needs to be', 'has to be', 'is to be', 'can be', 'will be', 'ought to be', 'has been',
    'is',
  ],

  reportTo: [
    'reports to', 'report to', 'reporting to', 'is reporting to', 'now reports to', 'will report to',
    'should report to', 'will be reporting to', 'must report to', 'reports directly to', 'directly reports to',
    'answers to', 'is managed by', 'will be managed by', 'is now managed by', 'is supervised by', 'works under',
    'falls under', 'is under', 'now works under', 'will work under', 'is now reporting to', 'starts reporting to',
    'has to report to',
  ],
  doesNot: ["doesn't", 'does not', "won't", 'will not', 'no longer', "don't", 'do not', 'should not', "shouldn't"],
  noLongerHas: [
    "doesn't have", 'does not have', 'no longer has', 'has no', "hasn't got", 'has no more', "won't have",
    'will not have', 'should not have', "shouldn't have", 'has no longer', "doesn't need", 'does not need',
    'no longer needs', "hasn't",
  ],
  assignAs: ['set', 'assign', 'appoint', 'add', 'make', 'put', 'register', 'designate', 'configure', 'enter'],
  move: ['move', 'transfer', 'put', 'relocate', 'shift', 'switch', 'reassign', 'assign'],
  nowIn: [
    'is now in', 'is in', 'now works in', 'works in', 'now works at', 'works at', 'is now part of', 'has moved to',
    'moved to', 'has joined', 'joined', 'is joining', 'has transferred to', 'transferred to', 'switched to',
    'is now at', 'belongs to', 'now belongs to', 'is moving to', 'moves to', 'will move to', 'has switched to',
    'is part of', 'works for', 'now works for', 'is now with', 'has been moved to', 'was moved to', 'will be in',
    'should be in', 'is transferring to', 'was transferred to', 'has been transferred to',
  ],
  promoted: [
    'has been promoted to', 'was promoted to', 'got promoted to', 'is promoted to', 'is now working as',
    'now works as', 'works as', 'will work as', 'is now a', 'is now an', 'became', 'has become', 'will become',
    'is the new', 'starts as', 'started as', 'is starting as', 'will start as', 'is now the',
  ],
  add: ['add', 'put', 'include', 'enroll', 'enrol', 'place', 'insert', 'subscribe', 'join', 'sign up'],
  addTo: ['to', 'in', 'into', 'onto', 'on'],
  group: [
    'group', 'distribution list', 'security group', 'mailing list', 'dl', 'm365 group', 'microsoft 365 group',
    'channel', 'groups',
  ],
  shouldJoin: [
    'should join', 'needs to join', 'must join', 'has to join', 'joins', 'should be in', 'needs to be in',
    'must be in', 'should be added to', 'needs to be added to', 'must be added to', 'has to be added to',
    'should be a member of', 'needs to be a member of', 'must be a member of', 'needs access to',
    'is now a member of', 'should get access to', 'becomes a member of',
  ],
  removeMember: [
    'remove', 'take', 'kick', 'drop', 'delete', 'exclude', 'unsubscribe', 'throw', 'get', 'expel', 'pull',
  ],
  removeFrom: ['from', 'out of', 'off', 'out from'],
  shouldLeave: [
    'should leave', 'needs to leave', 'must leave', 'has to leave', 'is leaving', 'is no longer a member of',
    'is no longer in', 'should no longer be in', 'should not be in', "shouldn't be in", 'should be removed from',
    'must be removed from', 'needs to be removed from', 'has to be removed from', 'no longer needs access to',
  ],
  remove: [
    'remove', 'clear', 'delete', 'erase', 'empty', 'blank', 'wipe', 'drop', 'unset', 'get rid of', 'take out',
    'take off', 'strip', 'blank out', 'clean',
  ],

  // Offboarding: someone leaves the organisation ("offboard Noah", "Noah leaves on Friday", "Noah's last day is …").
  offboardVerb: ['offboard', 'off-board', 'off board'],
  offboarding: [
    'offboarding', 'off-boarding', 'offboarding process', 'the offboarding', 'leaver process', 'the leaver process',
    'exit process', 'the exit process',
  ],
  startVerb: [
    'start', 'begin', 'initiate', 'kick off', 'run', 'do', 'process', 'trigger', 'launch', 'handle', 'prepare',
    'schedule', 'plan', 'set up',
  ],
  leaves: [
    'leaves', 'is leaving', 'will leave', 'will be leaving', 'has left', 'left', 'leave', 'are leaving', 'have left',
    'is going to leave', 'are going to leave', 'quits', 'has quit', 'is quitting', 'will quit', 'quit', 'departs',
    'is departing', 'has departed', 'will depart',
  ],
  company: [
    'the company', 'the organisation', 'the organization', 'the firm', 'us', 'the business', 'our company',
    'our organisation', 'our organization',
  ],
  lastDayIs: ['is', 'will be', 'is going to be', 'should be', 'is planned for', 'is set for', 'falls on', 'is on', 'will be on'],
  lastDay: [
    'last day', 'last working day', 'final day', 'final working day', 'last day at work', 'last day of work',
    'last day here', 'last day with us', 'leaving date', 'exit date', 'end date', 'last date',
  ],
  show: [
    'show', 'display', 'view', 'look up', 'lookup', 'find', 'get', 'pull up', 'bring up', 'fetch', 'open', 'search',
    'search for', 'tell me about', 'what do you know about', 'give me', 'check', 'describe', 'i want to see',
    'let me see', 'can i see', 'show me', 'info on', 'info about', 'information about', 'details for', 'who is',
  ],
  profile: [
    'profile', 'details', 'info', 'information', 'data', 'properties', 'attributes', 'record', 'card', 'user info',
    'user details', 'account details', 'contact details', 'contact info', 'full profile', 'overview', 'summary',
    'account', 'user profile', 'account info',
  ],
};
