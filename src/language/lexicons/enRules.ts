import type { Rule } from '../lexicon';

/**
 * English templates, most specific first (syntax: `Rule` in lexicon.ts). Order matters where shapes
 * overlap: licences before groups ("remove the E5 license from X" vs "remove X from Y"), department moves
 * before groups ("put X in the Sales department"), specific changes before the general `{changes}`.
 */
export const enRules: readonly Rule[] = [
  // Delegated mode: the admin signs out of the bot (their own token is dropped). Only without a person: "sign out
  // Noah" signs Noah out everywhere (revokeSessions), and "sign me out" stays the caller's own sessions.
  { intent: 'signIn', when: ['sign|log in', 'sign|log me in', 'sign|log in to|into @det? bot|assistant|app'] },
  { intent: 'signOut', when: [
    'sign|log out', 'sign|log out of|from @det? bot|assistant|account assistant|app', 'sign|log me out of|from @det? bot|assistant|account assistant|app',
  ] },
  { intent: 'useChannelForApprovals', when: [
    'use this|the|our|that channel for|as @approval ...', 'use here for @approval', '@route @det? @approval @here',
    'this channel is|should be for @approval', 'make|set this channel as? @det? @approval channel',
  ] },
  { intent: 'pendingApprovals', when: [
    '@show? @det? pending|open|outstanding|waiting|unapproved @approval ...', '@show? @det? @approval',
    'what|which ... my @approval ...', 'what|which @approval ...', 'anything|something to approve ...',
    'what do|should|must|can i approve ...', 'what is there to approve',
    '@show? requests waiting|awaiting|pending for? @approval ...',
  ] },
  { intent: 'scheduledChanges', when: [
    '@show? @det? my? scheduled|planned changes ...', 'what is|are scheduled ...', '@show? @det? my? schedule',
  ] },
  { intent: 'myRequests', when: [
    '@show? @det? status of my @myRequest ...', 'what is @det? status of my @myRequest ...',
    '@show? @det? my @myRequest ...', 'what are|is my @myRequest ...', 'what happened to my @myRequest ...',
    'where are|is my @myRequest ...', '@show? requests i made|submitted|sent|filed ...',
  ] },
  // Taking back an applied change: the speaker's latest, or the latest to a person ("undo the change to Noah").
  { intent: 'undo', when: [
    '@undoVerb', '@undoVerb that|this|it', '@undoVerb @det? @lastChange', '@undoVerb my @lastChange',
    '@undoVerb @det? @lastChange to|for|of|on {t}', "@undoVerb {t's} @lastChange",
    '@undoVerb @det? @lastChange i? made|did to|for|on {t}',
  ] },
  { intent: 'requestChange', when: [
    '@requestVerb @det? @changeNoun @of {t}', '@requestVerb @det? @changeNoun', 'new @changeNoun @of {t}',
    'new @changeNoun',
  ] },

  { intent: 'syncStatus', when: [
    'is|are {t} still|currently|being? @det? @synced ...', "is|are {t's} @account still|currently? @det? @synced ...",
    'is|are @det? @account @of {t} still|currently? @det? @synced ...', 'is|are {t} @managed ...',
    "is|are {t's} @account @managed ...", 'is|are {t} from|in @det? @ad ...', '@checkIf {t} is|are @det? @synced ...',
    "@checkIf {t's} @account is|are @det? @synced ...", 'does|do {t} @syncVerb ...',
    "does|do {t's} @account @syncVerb ...", "why @cannot i? @set {t's} ...",
    'why @cannot i? @set @det? @prop|@account @of {t} @where?', 'why @cannot i? @set {t} @where?',
    "why @cannot {t's} @prop be ...", "why is|are {t's} @prop|@account ...", 'why is|are @det? @prop @of {t} ...',
    'why is|are {t} @det? @synced ...', "where is|are {t's} @account? @managed ...", 'where is|are {t} @managed ...',
    'where is|are @det? @account @of {t} @managed ...', "where does|do {t's} @account? come from ...",
    'where does|do {t} come from ...', '@show? @det? @syncStatus @of {t}', 'what is|are @det? @syncStatus @of {t}',
    "@show? {t's} @syncStatus", '@syncStatus {t}', '{name} is @det? @synced', "why ... {t's} @prop|@account ...",
    'why ... @prop|@account @of {t} @where?', "can|could|may i still? @set {t's} @prop|@account",
    'can|could|may i still? @set @det? @prop|@account @of {t}', 'can|could|may i still? @set {t}',
    "can|could|may i still? @set {t's} @prop|@account or ...",
  ] },
  { intent: 'history', when: [
    '@show? @det? @history @of|on|about {t}', "@show? {t's} @history", '@history {name}',
    "what is|are {t's} @history",
    'what has|was|were|have? been? changed|modified|updated|edited for|on|to|about|in|with {t}',
    'what|which changes were|have|has? been? made|done to|for|on {t}',
    "who changed|modified|updated|edited {t's} @prop", 'who changed|modified|updated|edited {t}',
    '@show? @det? @history', "what happened to|with {t's} @account|@profile", 'what happened to|with {t}',
    "what has|was|were|have? been? changed|modified|updated|edited for|on|to|about|in|with {t's} @account|@profile",
  ] },

  // Questions about a property ("who is Fatima's manager?", "is Noah blocked?") are look-ups, not changes: the
  // profile card shows the sign-in status.
  { intent: 'show', when: [
    "who is {t's} @prop", 'who is @det? @prop @of {t}', "what is|are {t's} @prop|@profile",
    'what is|are @det? @prop|@profile @of {t}',
    'is|are {t} still|currently|now? @disabled|@enabled', 'is|are {t} still|currently|now? @disabled|@enabled or not',
    "is|are {t's} @account|@signIn still|currently|now? @disabled|@enabled",
    'is|are @det? @account|@signIn @of {t} still|currently|now? @disabled|@enabled',
    'can|could {t} still|now? sign|log in', "@checkIf {t} is|are still|currently? @disabled|@enabled",
  ] },
  // Without a person ("offboard", "start an offboarding", "offboard someone"): the offboarding form asks who.
  { intent: 'offboard', when: [
    '@offboardVerb', '@offboardVerb someone|somebody', '@offboardVerb an? employee|person|colleague|leaver', '@startVerb? @det? @offboarding',
  ] },
  // Offboarding someone who leaves ("offboard Noah", "Noah leaves on Friday": the time is split off first, see
  // when.ts). Before the groups: "Noah is leaving the company" is no group.
  { intent: 'offboard', when: [
    '@offboardVerb {t}', '@startVerb? @det? @offboarding for|of {t}', '@startVerb? @offboarding {t}',
    "@startVerb? {t's} @offboarding", '{name} @leaves', '{t} @leaves @company', '{t} is|are leaving us|the company',
    "{t's} @lastDay @lastDayIs", '@det? @lastDay of|for {t} @lastDayIs',
    "remove|revoke|cut|end|disable {t's} access|@signIn ,? @pronoun @leaves @company?",
    '@offboardVerb {t} ,? @pronoun @leaves @company?', '{t} @leaves @company? ,? @offboardVerb @pronoun',
  ] },
  // Roles are not assigned here (and "make X a Global Administrator" is never a job title): the answer says where.
  { intent: 'unsupported', unsupported: 'assignRole', when: [
    'make {t} @det? @adminRole @roleNoun?', 'give|assign|grant {t} @det? @adminRole @roleNoun?',
    'give|assign|grant {t} @det? @roleNoun of? @adminRole', 'give|assign|grant|add @det? @adminRole @roleNoun? to|for {t}',
    'give|assign|grant @det? @roleNoun of? @adminRole to|for {t}', 'add|put {t} to|in|into|as @det? @adminRole @roleNoun?',
    'promote {t} to @det? @adminRole @roleNoun?', '{name} @promoted @det? @det? @adminRole @roleNoun?',
    '{name} @need @det? @adminRole @roleNoun', '{name} @shouldBe @det? @adminRole',
    // "role" also names the job title, but not with an admin role for its value.
    "@set {t's} role to|as @det? @adminRole @roleNoun?", '@set @det? role of|for {t} to|as @det? @adminRole @roleNoun?',
  ] },
  { intent: 'resetPassword', when: [
    '@det? @temporary? @password @of {t} @mustBe @resetDone',
    "@resetVerb {t's} @password ...", '@resetVerb @det? @temporary? @password @of {t}',
    "@resetVerb @det? @temporary? @password @of {t's} @account", '@resetVerb {name} @password',
    '@give {t} @det? @temporary? @password', '@give @det? @temporary? @password to {t}',
    '@det? @temporary? @password @resetNoun? @of {t}', '{name} @lockedOut ...', '{name} @forgot ...',
    '{name} @need @det? @temporary? @password ...', "{t's} @password ...",
    "{t's} @account is|got|has been? locked ...", '@force @det? @temporary? @password @resetNoun? @of {t}',
    '@force {t} to @resetVerb @possPron|@det? @password', 'reset {name}',
  ] },
  { intent: 'revokeSessions', when: [
    '@revoke all? of? @det? @sessionAdj? @sessions @of {t}', "@revoke all? of? {t's} @sessionAdj? @sessions",
    'sign|log {t} out|off ...', '@signOut {t} @everywhere?', '@signOut {t} of|from all? devices|sessions|apps',
    '@signOut @of {t} @everywhere?', 'force {t} to sign|log in ...', 'force @det? @signOutNoun @of {t}',
    '@revoke @det? @sessionAdj? @sessions of|for|from {t}', '@signOut all? @det? @sessionAdj? @sessions @of {t}',
  ] },
  { intent: 'assignLicense', when: [
    '@assign @det? {o} @licence to|for {t}', "@assign @det? {o} @licence to|for {t's} @account",
    '@assign @det? @licence for|of {o} to {t}', '@assign {t} @det? {o} @licence',
    '@assign {t} @det? @licence for|of {o}', '{name} @need @det? {o} @licence ...',
    '{name} @need @det? @licence for|of {o}', 'assign|allocate {product} to {t}', 'license|licence {t} for {o}',
    '@assign @det? {product} to|for {t}', '@assign {t} {product}', '{name} @need @det? {product}',
  ] },
  { intent: 'removeLicense', when: [
    '@unassign @det? {o} @licence from|of|for {t}', "@unassign @det? {o} @licence from|of|for {t's} @account",
    "@unassign {t's} {o} @licence", '@unassign @det? @licence for|of {o} from {t}',
    'take @det? {o} @licence away from {t}', "take {t's} {o} @licence away", 'take {t} off @det? {o} @licence',
    '{name} @noLongerNeed @det? {o} @licence ...', 'unassign|deallocate|revoke {product} from {t}',
    '@unassign @det? {product} from|of|for {t}', "@unassign {t's} {product}",
    '{name} @noLongerNeed @det? {product} ...',
  ] },

  { intent: 'change', property: 'accountEnabled', value: false, when: [
    "@disable {t's} @account|@signIn", '@disable @det? @account|@signIn @of {t}', '@disable {t} @account',
    '@disable {t} from signing|logging in ...', '@disable {t}', "turn|switch|shut {t's} @account off",
    'turn|switch|shut {t} off', '{name} @shouldBe @disabled ...', "{t's} @account @shouldBe @disabled ...",
    "don't|do not let {t} sign|log in ...", 'prevent|stop {t} from signing|logging in ...', "@revoke {t's} @signIn",
    '@revoke @det? @signIn @of {t}',
  ] },
  { intent: 'change', property: 'accountEnabled', value: false, when: [
    '@set {t} to|as @disabled',
  ] },
  { intent: 'change', property: 'accountEnabled', value: true, when: [
    '@set {t} to|as @enabled',
  ] },
  { intent: 'change', property: 'accountEnabled', value: true, when: [
    "@enable {t's} @account|@signIn", '@enable @det? @account|@signIn @of {t}', '@enable {t} @account',
    '@enable {t} again|back?', "turn|switch {t's} @account back? on", 'turn|switch {t} back? on',
    '{name} @shouldBe @enabled ...', "{t's} @account @shouldBe @enabled ...", 'allow|let {t} to? sign|log in ...',
    'allow @signIn @of {t} ...', 'give {t} access again|back', "give {t's} access back",
    '{name} may|can sign|log in again? ...',
  ] },

  { intent: 'change', property: 'manager', value: null, when: [
    '{name} no longer @reportTo ...', "{name} @doesNot report to anyone|anybody|nobody ...",
    "{v} is no longer {t's} @prop=manager", '{v} is no longer @det? @prop=manager @of {t}',
  ] },
  { intent: 'change', property: 'manager', when: [
    '@set {t} @reportTo {v}', 'let {t} @reportTo {v}', '{t} @reportTo {v}',
    'make {v} @det? @det? @prop=manager @of {t}', "make {v} {t's} @det? @prop=manager",
    '@assignAs {v} as @det? @prop=manager of|for|to {t}', "@assignAs {v} as {t's} @det? @prop=manager",
    '{v} @is @det? @det? @prop=manager @of {t}', "{v} @is {t's} @det? @prop=manager",
    '{t} gets|has|receives {v} as @det? @det? @prop=manager',
  ] },
  { intent: 'change', property: 'department', when: [
    '{name} @nowIn @det? {v} @prop=department', '{name} @nowIn @det? @prop=department {v}',
    '@move {t} to|into|in|under @det? {v} @prop=department', '@move {t} to|into|in|under @det? @prop=department {v}',
    // Admins type names in lower case too: "fatima is now in the logistics department".
    '{t} @nowIn @det? {v} @prop=department', '{t} @nowIn @det? @prop=department {v}',
  ] },
  { intent: 'change', property: 'officeLocation', when: [
    '{name} @nowIn @det? {v} @prop=officeLocation', '@move {t} to|into|in @det? {v} @prop=officeLocation',
    '@move {t} to|into|in @det? @prop=officeLocation {v}',
  ] },

  { intent: 'addToGroup', when: [
    '@add {t} @addTo @det? @group? {o} @group?', 'make {t} @det? member of @det? @group? {o} @group?',
    '@add {t} as @det? member to|of|in @det? @group? {o} @group?', '{name} @shouldJoin @det? @group? {o} @group?',
    'give {t} access to @det? @group {o}', 'give {t} access to @det? {o} @group',
  ] },
  // Before groups: "remove Noah from the tenant" is no group.
  { intent: 'unsupported', unsupported: 'deleteAccount', when: [
    'delete|remove|erase|purge|deprovision {t} from @det? tenant|directory|entra|azure|ad|m365|microsoft|office|system ...',
  ] },
  { intent: 'removeFromGroup', when: [
    '@removeMember {t} @removeFrom @det? @group? {o} @group?',
    "@removeMember {t's} membership of|in|from @det? @group? {o} @group?",
    "end {t's} membership of|in|from @det? @group? {o} @group?", '{name} @shouldLeave @det? @group? {o} @group?',
  ] },

  { intent: 'change', property: 'jobTitle', when: [
    'promote {t} to @det? {v}', '{name} @promoted @det? @det? {v}', 'make {name} a|an {v}',
  ] },
  { intent: 'change', property: 'department', when: [
    'move|transfer|relocate {t} to {v}',
  ] },
  { intent: 'change', property: 'displayName', when: [
    'rename {t} @to {v}', '{name} @shouldBe? renamed to|as {v}',
  ] },

  { intent: 'change', when: [
    "@assignAs {v} as {t's} @det? @prop", '@assignAs {v} as @det? @prop of|for {t}',
    "@remove {t's} {clears}", '@remove {clears}', "@remove {clears} from {t's} @profile|@account",
    '{name} @noLongerHas @det? {clears} ...', "give|assign {t} @det? new? @prop {v}",
    '{name} gets|receives @det? new? @prop {v}', "@set {t's} {changes}", "@set {t's} {changes@colon}",
    '@set {changes}', '@set {changes@colon}', '@set {name} :|—|–|- {changes@none}', '@set {name} :? {changes@colon}',
    '@set {t} :|—|–|- {changes@colon}', "can|could|may i @set {t's} {changes}", 'can|could|may i @set {changes}', '@for {t} ,? @set {changes}',
    '@set {t} {changes}', "make {t's} @prop {v}", "@want {t's} {changes@is}", '@want {changes@is}',
    "{t's} {changes@is}", '{changes@is}',
    '{name} has|gets|got {changes@colon}', '{name} :|-|,|—|–? {changes@colon}', "{t's} :? {changes@colon}",
    '{changes@colon}', "{t's} {changes}", '{name} :|-|,|—|–? {changes}', '{name} :|-|,|—|–? {changes@none}',
    "{t's} {changes@none}", '{changes}', '@set @det? new? @prop {v+} for {t}',
  ] },

  // Accounts are not deleted here: the answer says where (and that blocking stops sign-ins now).
  { intent: 'unsupported', unsupported: 'deleteAccount', when: [
    'permanently|completely? delete|erase|purge|deprovision {t} permanently|completely|entirely?',
    "permanently|completely? delete|remove|erase|purge|deprovision {t's} @account|@profile|user",
    'permanently|completely? delete|remove|erase|purge|deprovision @det? @account|@profile|user @of {t}',
    'remove {name}',
  ] },
  { intent: 'show', when: [
    "@show me? {t's} @profile|@prop|@account", '@show me? @det? @profile|@prop @of {t}', '@show me? {t}',
    'who is {t}', '@profile @of|on|about {t}', "{t's} @profile", 'look {t} up',
  ] },
  { intent: 'help', when: [
    '@helpPhrase', '@helpQuestion ...',
  ] },
];
