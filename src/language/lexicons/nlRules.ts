import type { Rule } from '../lexicon';

/**
 * Dutch templates, most specific first (syntax: `Rule` in lexicon.ts). Dutch splits verbs
 * ("voeg X toe aan Y", "zet het account van X weer aan", "meld X af"), so particles appear at the end.
 */
export const nlRules: readonly Rule[] = [
  // Gedelegeerde modus: de beheerder meldt zich af bij de bot. Alleen zonder persoon ("meld Noah af" trekt Noahs sessies in).
  { intent: 'signIn', when: ['aanmelden', 'inloggen', 'log in', 'meld mij|me aan', 'aanmelden bij @det? bot|assistent'] },
  { intent: 'signOut', when: [
    'afmelden', 'uitloggen', 'log uit', 'meld af', 'afmelden bij|van @det? bot|assistent', 'log uit bij|van @det? bot|assistent',
  ] },
  { intent: 'useChannelForApprovals', when: [
    'gebruik dit|het|ons|deze kanaal|chat voor|als @approval ...', '@route @det? @approval @here',
    'dit kanaal is voor @approval', 'maak|stel dit kanaal ... @approval ...', 'gebruik dit kanaal voor goedkeuren',
  ] },
  { intent: 'pendingApprovals', when: [
    '@show? @det? openstaande|lopende|wachtende|nieuwe @approval ...', '@show? @det? @approval',
    'wat|welke ... @approval ...', 'wat|welke ... goedkeuren ...', 'wat ... goed te keuren ...',
    'is|zijn er ... goed te keuren ...',
  ] },
  { intent: 'scheduledChanges', when: [
    '@show? @det? mijn? geplande|ingeplande wijzigingen ...', 'wat staat er gepland ...', 'wat is|staat gepland ...',
  ] },
  { intent: 'myRequests', when: [
    '@show? @det? status van mijn @myRequest ...', '@show? mijn @myRequest ...',
    'hoe staat het met mijn @myRequest ...', 'wat is de status van mijn @myRequest ...',
    'welke @myRequest heb ik ...', 'wat is er met mijn @myRequest ...',
  ] },
  // Een toegepaste wijziging terugdraaien: de laatste van de spreker, of de laatste aan iemand.
  { intent: 'undo', when: [
    'maak dat|het|dit? ongedaan', 'maak @det? @lastChange ongedaan', 'maak mijn @lastChange ongedaan',
    'maak @det? @lastChange @of|aan|bij {t} ongedaan', "maak {t's} @lastChange ongedaan",
    '@det? @lastChange? ongedaan maken', 'mijn @lastChange ongedaan maken', '@det? @lastChange @of|aan|bij {t} ongedaan maken',
    'draai dat|het|dit? terug', 'draai @det? @lastChange terug', 'draai mijn @lastChange terug',
    'draai @det? @lastChange @of|aan|bij {t} terug', "draai {t's} @lastChange terug",
    '@det? @lastChange? terugdraaien', 'mijn @lastChange terugdraaien', '@det? @lastChange @of|aan|bij {t} terugdraaien',
  ] },
  { intent: 'requestChange', when: [
    '@det? nieuwe? @changeNoun @of {t} aanvragen|indienen|doen|aanmaken|maken',
    '@det? nieuwe? @changeNoun aanvragen|indienen|doen|aanmaken|maken @of {t}',
    '@det? nieuwe? @changeNoun aanvragen|indienen|doen|aanmaken|maken',
    'vraag|dien @det? nieuwe? @changeNoun aan|in @of {t}', 'vraag|dien @det? nieuwe? @changeNoun @of {t} aan|in',
    'vraag|dien @det? nieuwe? @changeNoun aan|in', 'nieuwe @changeNoun',
  ] },

  { intent: 'syncStatus', when: [
    'wordt|is @det? @account @of {t} nog? @det? @synced ...', "wordt|is {t's} @account nog? @det? @synced ...",
    'wordt|is|worden|zijn {t} nog|nu? @det? @synced ...', 'wordt|is {t} @managed ...',
    'komt|komen {t} uit|van|vanuit @det? @ad ...', 'komt|komt @det? @account @of {t} uit|van|vanuit @det? @ad ...',
    '@syncVerb {t} met|vanuit|uit|van @det? @ad ...', "waarom kan|kun|mag ik {t's} ... niet ...",
    'waarom kan|kun|mag ik @det? @prop|@account @of {t} niet ...', 'waarom kan|kun|mag ik {t} niet ...',
    "waarom is|zijn {t's} @prop|@account ...", 'waarom is|zijn @det? @prop @of {t} ...',
    'waar wordt|is @det? @account @of {t} @managed ...', "waar wordt|is {t's} @account @managed ...",
    'waar wordt|worden|is {t} @managed ...', 'waar komt {t} vandaan', 'waar komt @det? @account @of {t} vandaan',
    '@show? @det? @syncStatus @of {t}', "@show? {t's} @syncStatus",
    'controleer|check|kijk|bekijk of {t} @det? @synced ...', '{name} is|wordt @det? @synced',
    "waarom ... {t's} @prop|@account ...", 'waarom ... @prop|@account @of {t} niet ...',
    "kan|mag ik nog? {t's} @prop|@account @set?", 'kan|mag ik nog? @det? @prop|@account @of {t} @set?',
    'kan|mag ik nog? {t} @set',
  ] },
  { intent: 'history', when: [
    '@show? @det? @history @of|bij|van {t}', "@show? {t's} @history", '@history {name}',
    'wat is|zijn er gewijzigd|veranderd|aangepast bij|aan|voor|van|in {t}',
    'wat is|zijn er bij|aan|voor|van {t} gewijzigd|veranderd|aangepast',
    'welke wijzigingen zijn er bij|aan|voor|van|in {t} gedaan|gemaakt|doorgevoerd?',
    'wie heeft {t} gewijzigd|aangepast|veranderd', "wie heeft {t's} @prop gewijzigd|aangepast|veranderd",
    '@show? @det? @history',
  ] },

  // Questions about a property ("wie is de manager van Fatima?", "is Noah geblokkeerd?") are look-ups, not
  // changes: the profile card shows the aanmeldstatus.
  { intent: 'show', when: [
    "wie is {t's} @prop", 'wie is @det? @prop @of {t}', "wat is|zijn {t's} @prop|@profile",
    'wat is|zijn @det? @prop|@profile @of {t}',
    'is|zijn {t} nog|nu|al? @disabled|@enabled', 'is|zijn {t} nog|nu|al? @disabled|@enabled of niet',
    "is|staat {t's} @account|@signIn nog|nu|al? @disabled|@enabled", 'is|staat @det? @account|@signIn @of {t} nog|nu|al? @disabled|@enabled',
    'kan|mag {t} nog|weer|nu? inloggen|aanmelden', 'controleer|check|kijk|bekijk of {t} nog|al? @disabled|@enabled is',
  ] },
  // Zonder persoon ("uitdiensttreding", "offboard iemand"): het formulier vraagt wie.
  { intent: 'offboard', when: [
    '@offboardVerb', '@offboardVerb iemand|een medewerker|een collega', '@startVerb? @det? @uitDienst', '@det? @uitDienst starten|regelen|melden',
  ] },
  // Uitdiensttreding ("offboard Noah", "Noah gaat uit dienst op vrijdag": de tijd gaat er eerst af, zie when.ts).
  // Voor de groepen en de blokkades: "Noah vertrekt" is geen wijziging.
  { intent: 'offboard', when: [
    '@offboardVerb {t}', '@startVerb? @uitDienst van|voor {t} in? gang?', '@startVerb? @uitDienst {t} in? gang?',
    '@det? @uitDienst van|voor {t} in? gang? starten|zetten|regelen|verwerken|melden|doorvoeren',
    'zet @det? @uitDienst van|voor {t} in gang', '{name} gaat|treedt|treden|gaan uit dienst',
    '{name} is|zijn uit dienst', '{name} gaat|gaan @company? verlaten|vertrekken|stoppen', '{name} @leaves',
    '{t} @leaves bij? @company', '{t} heeft|hebben @company verlaten', '{t} uit dienst melden|zetten',
    'meld|zet {t} uit dienst', "{t's} @lastDay is|wordt", '@det? @lastDay van {t} is|wordt', '{t} @offboardVerb',
  ] },
  // Rollen wijst de bot niet toe (en "maak X Global Administrator" is nooit een functie): het antwoord zegt waar wel.
  { intent: 'unsupported', unsupported: 'assignRole', when: [
    'maak {t} @det? @adminRole @roleNoun?', 'geef {t} @det? @adminRole @roleNoun?', 'geef {t} @det? @roleNoun van? @adminRole',
    'geef @det? @adminRole @roleNoun? aan {t}', 'geef @det? @roleNoun van? @adminRole aan {t}',
    'wijs|ken {t} @det? @adminRole @roleNoun? toe', 'wijs|ken {t} @det? @roleNoun van? @adminRole toe',
    'wijs|ken @det? @adminRole @roleNoun? toe aan {t}', 'wijs|ken @det? @roleNoun van? @adminRole toe aan {t}',
    'voeg {t} toe aan|als @det? @adminRole @roleNoun?', 'promoveer {t} tot|naar @det? @adminRole',
    '{name} wordt @det? nieuwe? @adminRole', '{name} moet|mag @det? @adminRole worden',
    '{name} heeft @det? @adminRole @roleNoun nodig', '{name} moet|mag @det? @adminRole @roleNoun krijgen|hebben',
    // "rol" is ook een functie, maar niet met een beheerdersrol als waarde.
    "@set {t's} rol @particle? in|naar|op|tot @det? @adminRole", '@set @det? rol van {t} @particle? in|naar|op|tot @det? @adminRole',
  ] },
  { intent: 'resetPassword', when: [
    '@det? @temporary? @password @of {t} @mustBe opnieuw? @resetDone?', "{t's} @password @mustBe opnieuw? @resetDone?",
    "@resetVerb {t's} @password ...", '@resetVerb @det? @temporary? @password @of {t}',
    'stel @det? @temporary? @password in @of {t}', 'stel @det? @temporary? @password @of {t} in',
    'maak @det? @temporary? @password aan? @of {t} aan?', '@give {t} @det? @temporary? @password',
    '@give @det? @temporary? @password aan {t}', '@det? @temporary? @password @of {t} resetten|herstellen?',
    '{name} @lockedOut ...', '{name} is|heeft @det? @password vergeten ...',
    '{name} heeft @det? @temporary? @password nodig', '{name} is @det? @password kwijt', "{t's} @password ...",
    '@force @det? @password @of {t}',
  ] },
  { intent: 'revokeSessions', when: [
    'meld {t} overal? af ...', 'log {t} @everywhere? uit ...',
    '@revoke alle? @det? @sessionAdj? @sessions @of {t} in|af?', "@revoke alle? {t's} @sessionAdj? @sessions in|af?",
    '@det? alle? @sessionAdj? @sessions @of {t} @revokeInf', 'dwing {t} om? opnieuw ...',
    'forceer @det? afmelding @of {t}', '{name} moet overal? afgemeld|uitgelogd worden?',
  ] },
  { intent: 'assignLicense', when: [
    'wijs|ken @det? {o} @licence toe aan {t}', 'wijs|ken {t} @det? {o} @licence toe',
    'wijs|ken @det? @licence voor {o} toe aan {t}', '@give {t} @det? {o} @licence',
    '@give @det? {o} @licence aan {t}', '@give {t} @det? @licence voor {o}', '{name} heeft @det? {o} @licence nodig',
    '{name} heeft @det? {product} nodig',
    '{name} krijgt @det? {o} @licence', 'voeg @det? {o} @licence toe aan|voor {t}', 'wijs {o} toe aan {t}',
    '@give {t} {product}', '@give @det? {product} aan {t}',
  ] },
  { intent: 'removeLicense', when: [
    'haal @det? {o} @licence bij|van {t} weg', "haal {t's} {o} @licence weg",
    'verwijder|ontkoppel @det? {o} @licence bij|van|voor {t}', "verwijder {t's} {o} @licence",
    'trek @det? {o} @licence bij|van {t} in', 'ontneem {t} @det? {o} @licence',
    'neem @det? {o} @licence van|bij {t} af', '{name} heeft @det? {o} @licence niet meer nodig',
    'verwijder|ontkoppel @det? {product} bij|van|voor {t}', 'haal @det? {product} bij|van {t} weg',
    '{name} heeft geen {product} meer nodig', '{name} heeft @det? {product} niet meer nodig',
  ] },

  { intent: 'change', property: 'accountEnabled', value: false, when: [
    "@disable {t's} @account|@signIn", '@disable @det? @account|@signIn @of {t}', '@disable {t}',
    "schakel|zet {t's} @account weer? uit", 'schakel|zet @det? @account @of {t} weer? uit',
    'schakel|zet {t} weer? uit', 'sluit @det? @account @of {t} af', "sluit {t's} @account af", 'sluit {t} af',
    'schakel|zet @det? @signIn @of {t} uit', '{name} mag niet meer inloggen|aanmelden ...',
    '{name} moet worden? @disabled worden?', "{t's} @account moet worden? @disabled worden?",
    // "… en hem ook blokkeren": the infinitive last.
    '{t} ook|meteen|direct? willen|laten? blokkeren|deactiveren|uitschakelen',
    "{t's} @account ook|meteen|direct? willen|laten? blokkeren|deactiveren|uitschakelen",
  ] },
  { intent: 'change', property: 'accountEnabled', value: false, when: [
    '@set {t} op @disabled',
  ] },
  { intent: 'change', property: 'accountEnabled', value: true, when: [
    '@set {t} op @enabled',
  ] },
  { intent: 'change', property: 'accountEnabled', value: true, when: [
    "@enable {t's} @account|@signIn", '@enable @det? @account|@signIn @of {t} weer?', '@enable {t} weer?',
    "schakel|zet {t's} @account weer? in|aan", 'schakel|zet @det? @account @of {t} weer? in|aan',
    'schakel|zet {t} weer? in|aan', '{name} mag weer inloggen|aanmelden ...', 'sta @signIn @of {t} weer? toe',
    'sta @signIn weer? toe @of {t}', 'geef {t} weer toegang', '{name} moet weer? worden? @enabled worden?',
    '{t} ook|meteen|direct? weer? willen|laten? deblokkeren|activeren|heractiveren',
    "{t's} @account ook|meteen|direct? weer? willen|laten? deblokkeren|activeren|heractiveren",
  ] },

  { intent: 'change', property: 'manager', value: null, when: [
    '{name} valt|rapporteert niet meer onder|aan ...', '{v} is niet langer|meer @det? @prop=manager @of {t}',
    "{v} is niet langer|meer {t's} @prop=manager",
  ] },
  { intent: 'change', property: 'manager', when: [
    '{t} @reportTo {v}', 'maak {v} @det? @det? @prop=manager @of {t}', "maak {v} {t's} @det? @prop=manager",
    '{v} wordt|is nu|voortaan? @det? @det? @prop=manager @of {t}', "{v} wordt|is {t's} @det? @prop=manager",
    'stel {v} in als @det? @det? @prop=manager @of {t}', 'zet {v} als @det? @det? @prop=manager @of {t}',
    '{t} krijgt {v} als @det? @det? @prop=manager',
  ] },
  { intent: 'change', property: 'department', when: [
    '{name} @nowIn @det? @prop=department {v}', '{name} @nowIn @det? {v} @prop=department',
    '@move {t} naar|op|bij|in @det? @prop=department {v}', '@move {t} naar|op|bij|in @det? {v} @prop=department',
    // Namen ook in kleine letters: "fatima zit nu op de afdeling logistiek".
    '{t} @nowIn @det? @prop=department {v}', '{t} @nowIn @det? {v} @prop=department',
  ] },
  { intent: 'change', property: 'officeLocation', when: [
    '{name} @nowIn @det? @prop=officeLocation {v}', '@move {t} naar|op|bij|in @det? @prop=officeLocation {v}',
  ] },

  { intent: 'addToGroup', when: [
    'voeg {t} toe aan @det? @group? {o} @group?', 'voeg {t} aan @det? @group? {o} @group? toe',
    '@add {t} in|bij|aan @det? @group? {o} @group?', 'maak {t} lid van @det? @group? {o} @group?',
    '{name} moet|mag in|bij @det? @group? {o} @group?', '{name} moet lid worden van @det? @group? {o} @group?',
    '{name} moet worden? toegevoegd aan @det? @group? {o} @group? worden?',
  ] },
  // Voor de groepen: "verwijder Noah uit de tenant" is geen groep.
  { intent: 'unsupported', unsupported: 'deleteAccount', when: [
    'verwijder|wis {t} uit|van @det? tenant|directory|entra|azure|ad|m365|microsoft|office|systeem ...',
  ] },
  { intent: 'removeFromGroup', when: [
    'verwijder|haal {t} uit @det? @group? {o} @group?', 'haal {t} weg uit @det? @group? {o} @group?',
    'haal {t} uit @det? @group? {o} @group? weg', 'verwijder {t} als lid van|uit @det? @group? {o} @group?',
    '{name} moet uit @det? @group? {o} @group? gehaald|verwijderd worden?',
    '{name} is geen lid meer van @det? @group? {o} @group?',
  ] },

  { intent: 'change', property: 'jobTitle', when: [
    '{name} is gepromoveerd tot|naar @det? {v}', 'promoveer {t} tot|naar @det? {v}',
    '{name} wordt|is @det? nieuwe {v}',
  ] },
  { intent: 'change', property: 'displayName', when: [
    'hernoem {t} naar|tot|in {v}', '{name} heet voortaan|nu|vanaf? nu? {v}',
  ] },
  { intent: 'change', property: 'department', when: [
    'verplaats {t} naar {v}',
  ] },

  { intent: 'change', when: [
    'stel {v} in als @det? @prop @of {t}', "stel {v} in als {t's} @prop", 'zet {v} als @det? @prop @of {t}',
    "@remove {t's} {clears}", '@remove {clears}', '{name} heeft geen {clears} meer?',
    '{name} heeft geen {clears} meer nodig', 'haal {clears} weg', "haal {t's} {clears} weg", 'maak {clears} leeg',
    "maak {t's} {clears} leeg", "@set {t's} {changes}", '@set {changes}', '@set {changes@colon}',
    '@set {name} :|—|–|- {changes@none}', '@set {name} :? {changes@colon}', '@set {t} :|—|–|- {changes@colon}',
    // "Werk Noah Peeters bij: functie = …", "Pas Noah aan: afdeling = …": the verb's particle after the name.
    '@set {name} @particle :|—|–|- {changes@none}', '@set {name} @particle :? {changes@colon}',
    '@set {t} @particle :|—|–|- {changes@colon}', '@set {t} @particle :|—|–|- {changes}',
    'kan|mag ik {changes}',
    '@set @for {t} {changes}', '@for {t} ,? @set {changes}', '@set {t} {changes}', "{t's} {changes@is}",
    '{changes@is}', '{name} heeft|krijgt {changes@colon}', '{name} :|-|,|—|–? {changes@colon}',
    "{t's} :? {changes@colon}", '{changes@colon}', "{t's} {changes}", '{name} :|-|,|—|–? {changes}',
    '{name} :|-|,|—|–? {changes@none}', "{t's} {changes@none}", '{changes}', '@set @det? nieuwe? @prop {v+} voor {t}',
  ] },

  // Accounts verwijdert de bot niet: het antwoord zegt waar wel (en dat blokkeren het aanmelden nu al stopt).
  { intent: 'unsupported', unsupported: 'deleteAccount', when: [
    'verwijder|wis {t} definitief|permanent|helemaal?',
    "verwijder|wis {t's} @account|@profile|gebruiker definitief|permanent|helemaal?",
    'verwijder|wis @det? @account|@profile|gebruiker @of {t} definitief|permanent|helemaal?',
    '@det? @account|@profile|gebruiker @of {t} verwijderen|opheffen', 'hef @det? @account @of {t} op', '{t} verwijderen',
  ] },
  { intent: 'show', when: [
    'zoek {t} op', "laat me|mij? {t's} @profile|@prop zien", 'laat me|mij? @det? @profile|@prop @of {t} zien',
    'laat me|mij? {t} zien', "@show me|mij? {t's} @profile|@prop", '@show me|mij? @det? @profile|@prop @of {t}',
    '@show me|mij? {t}', 'wie is {t}', 'zoek @det? @profile @of {t} op', '@profile @of|over {t}', "{t's} @profile",
  ] },
  { intent: 'help', when: [
    '@helpPhrase', '@helpQuestion ...',
  ] },
];
