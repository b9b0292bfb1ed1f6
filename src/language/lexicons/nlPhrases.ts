/**
 * Dutch phrases for the intents and sentence shapes the templates in nlRules.ts name by class
 * (`@helpPhrase`, `@synced`, `@reportTo`, …). Property words and the core classes are in nl.ts.
 */
export const nlPhrases: Record<string, readonly string[]> = {
  helpPhrase: [
    'hulp', 'help', 'help mij', 'help me', 'wat kan ik aan je vragen', 'wat kan ik je vragen', 'wat kan ik vragen',
    'wat kun je', 'wat kan je', 'wat kunt u', 'wat kun je doen', 'wat kan je doen', 'wat kunt u doen',
    'hoe werkt dit', 'hoe werkt het', 'hoe werk je', 'hoe gebruik ik je', 'hoe gebruik ik dit', "commando's",
    'opdrachten', 'menu', 'opties', '?', 'ik heb hulp nodig', 'uitleg', 'voorbeelden', 'wat doe je', 'wat doe jij',
    'wie ben je', 'wie ben jij', 'wat ben je', 'instructies', 'waar kan je mee helpen', 'waarmee kun je helpen',
    'waarmee kan je helpen', 'wat kan ik hier', 'wat kan ik hier doen', 'wat kan ik met je', 'help alsjeblieft',
    'wat kan ik aan jou vragen', 'wat kan ik u vragen', 'hoe werkt deze bot',
  ],
  mustBe: ['moet', 'moet nog', 'moet even', 'moet dringend', 'dient', 'moet worden', 'mag'],
  resetDone: [
    'ingesteld', 'gereset', 'hersteld', 'vernieuwd', 'gezet', 'veranderd', 'gewijzigd', 'aangepast', 'resetten',
    'herstellen', 'instellen', 'wijzigen', 'veranderen', 'vernieuwen',
  ],
  helpQuestion: [
    'wat kan ik', 'wat kun je', 'wat kan je', 'hoe kan ik', 'hoe moet ik', 'hoe werkt', 'hoe doe ik', 'kun je helpen',
    'kan je helpen', 'help me met', 'help mij met',
  ],
  approval: [
    'goedkeuringen', 'goedkeuring', 'goedkeuringsverzoeken', 'verzoeken om goedkeuring', 'goedkeuringskanaal',
    'aanvragen ter goedkeuring', 'approvals',
  ],
  here: ['hier', 'in dit kanaal', 'naar dit kanaal', 'in deze chat', 'naar deze chat', 'dit kanaal'],
  route: ['stuur', 'post', 'plaats', 'zet', 'toon'],
  myRequest: [
    'aanvragen', 'aanvraag', 'verzoeken', 'verzoek', 'wijzigingsverzoeken', 'wijzigingsaanvragen',
    'ingediende aanvragen', 'openstaande aanvragen',
  ],
  changeNoun: [
    'wijziging', 'wijzigingen', 'wijzigingsverzoek', 'wijzigingsaanvraag', 'aanpassing', 'verandering', 'aanvraag',
    'verzoek',
  ],
  lastChange: [
    'wijziging', 'wijzigingen', 'laatste wijziging', 'vorige wijziging', 'laatste wijzigingen', 'verandering',
    'laatste verandering', 'aanpassing', 'laatste aanpassing', 'actie', 'laatste actie',
  ],

  synced: [
    'gesynchroniseerd', 'gesynct', 'gesynced', 'gesyncd', 'gesynchroniseerde', 'in sync', 'cloud-only', 'cloud only',
    'cloudaccount', 'cloud-account', 'on-prem', 'on-premises', 'hybride', 'lokaal beheerd', 'synced', 'alleen-lezen',
    'synchroon', 'cloud',
  ],
  syncVerb: ['synchroniseert', 'synct', 'synchroniseren', 'komt'],
  managed: ['beheerd', 'gemanaged', 'bijgehouden', 'onderhouden', 'gesynchroniseerd', 'aangestuurd'],
  ad: [
    'ad', 'active directory', 'lokale ad', 'on-prem ad', 'on-premises ad', 'on-prem', 'on-premises', 'eigen ad',
    'lokale active directory',
  ],
  syncStatus: [
    'synchronisatiestatus', 'syncstatus', 'sync-status', 'sync status', 'synchronisatie status',
    'bron van het account',
  ],
  account: ['account', 'gebruikersaccount', 'gebruiker', 'profiel'],
  history: [
    'geschiedenis', 'historie', 'wijzigingsgeschiedenis', 'wijzigingen', 'logboek', 'auditlog', 'audit log',
    'audittrail', 'log', 'wijzigingslog', 'recente wijzigingen', 'eerdere wijzigingen', 'history',
  ],

  resetVerb: ['reset', 'herstel', 'wijzig', 'verander', 'genereer', 'vernieuw', 'update', 'maak'],
  temporary: ['nieuw', 'nieuwe', 'tijdelijk', 'tijdelijke', 'eenmalig', 'eenmalige', 'nieuw tijdelijk'],
  password: [
    'wachtwoord', 'ww', 'wachtwoorden', 'wachtwoordreset', 'wachtwoord-reset', 'wachtwoordherstel', 'password',
    'wachtwoord reset',
  ],
  give: ['geef', 'stuur', 'verstrek', 'bezorg'],
  force: ['forceer', 'dwing', 'start', 'vereis'],
  lockedOut: [
    'is buitengesloten', 'heeft zichzelf buitengesloten', 'kan niet inloggen', 'kan niet meer inloggen',
    'kan niet aanmelden', 'kan niet meer aanmelden', 'kan er niet meer in', 'komt er niet meer in', 'zit op slot',
    'kan niet meer in', 'kan zich niet aanmelden', 'kan zich niet meer aanmelden', 'is uitgesloten',
    'komt niet meer binnen',
  ],

  revoke: ['trek', 'beëindig', 'stop', 'sluit', 'reset', 'verwijder', 'beeindig', 'be-eindig'],
  sessionAdj: ['actieve', 'open', 'openstaande', 'huidige', 'lopende'],
  sessions: [
    'sessies', 'sessie', 'aanmeldingen', 'aanmeldsessies', 'inlogsessies', 'tokens', 'sign-in sessies', 'sessions',
  ],
  revokeInf: [
    'intrekken', 'beëindigen', 'beeindigen', 'afsluiten', 'stoppen', 'verwijderen', 'ongeldig maken', 'resetten',
  ],
  everywhere: [
    'overal', 'op alle apparaten', 'van alle apparaten', 'op elk apparaat', 'bij alle apparaten', 'van alles',
    'overal tegelijk', 'op al zijn apparaten', 'op al haar apparaten', 'op alle devices', 'uit alle sessies',
    'van al zijn apparaten', 'van al haar apparaten', 'op al hun apparaten',
  ],

  licence: [
    'licentie', 'licenties', '- licentie', 'licence', 'license', '- license', '- licence', 'abonnement',
    'licentie voor',
  ],

  disable: ['blokkeer', 'deactiveer', 'blokkeren', 'deactiveren', 'uitschakelen', 'schors', 'bevries', 'vergrendel'],
  enable: [
    'deblokkeer', 'activeer', 'heractiveer', 'ontgrendel', 'ontsluit', 'deblokkeren', 'activeren', 'heractiveren',
    'herstel',
  ],
  signIn: [
    'aanmelden', 'aanmelding', 'inloggen', 'het aanmelden', 'de aanmelding', 'login', 'toegang', 'de toegang',
    'het inloggen', 'aanmeldingen',
  ],

  reportTo: [
    'valt onder', 'valt voortaan onder', 'valt vanaf nu onder', 'valt nu onder', 'rapporteert aan',
    'rapporteert voortaan aan', 'rapporteert nu aan', 'rapporteert vanaf nu aan', 'gaat rapporteren aan',
    'gaat vallen onder', 'werkt onder', 'werkt voortaan onder', 'komt onder', 'komt te vallen onder',
    'heeft als manager', 'heeft als leidinggevende', 'valt direct onder', 'rapporteert direct aan',
    'wordt aangestuurd door', 'wordt voortaan aangestuurd door', 'wordt nu aangestuurd door', 'valt per direct onder',
    'rapporteert per direct aan', 'krijgt als manager', 'krijgt als leidinggevende', 'heeft voortaan als manager',
    'valt sinds vandaag onder', 'val onder', 'val voortaan onder', 'val vanaf nu onder', 'val nu onder',
    'rapporteer aan', 'rapporteer voortaan aan', 'rapporteer nu aan', 'werk onder',
  ],
  move: ['verplaats', 'zet', 'plaats', 'verhuis', 'breng'],
  nowIn: [
    'werkt nu bij', 'werkt nu op', 'werkt nu in', 'werkt bij', 'werkt op', 'werkt in', 'werkt voortaan bij',
    'werkt voortaan op', 'zit nu bij', 'zit nu op', 'zit bij', 'zit op', 'zit voortaan bij', 'zit voortaan op',
    'zit nu in', 'is nu bij', 'is nu in', 'is nu op', 'hoort nu bij', 'hoort bij', 'hoort voortaan bij',
    'is overgestapt naar', 'stapt over naar', 'gaat naar', 'is verhuisd naar', 'is overgeplaatst naar',
    'wordt overgeplaatst naar', 'komt bij', 'komt op', 'komt te werken bij', 'is naar', 'gaat werken bij',
    'gaat werken op', 'is gaan werken bij', 'valt nu onder', 'valt onder', 'is verplaatst naar',
    'wordt verplaatst naar',
  ],
  add: ['zet', 'plaats', 'stop', 'doe'],
  group: [
    'groep', '- groep', 'distributielijst', 'beveiligingsgroep', 'security group', 'group', 'mailgroep',
    'verzendlijst', 'groepen',
  ],
  remove: ['verwijder', 'wis', 'schrap', 'leeg', 'verwijderen', 'wissen'],

  // Uitdiensttreding: iemand verlaat de organisatie ("Noah gaat uit dienst per 1 maart", "offboard Noah").
  offboardVerb: ['offboard', 'off-board', 'offboarden'],
  uitDienst: [
    'uitdiensttreding', 'uit diensttreding', 'uitdienstmelding', 'offboarding', 'off-boarding', 'vertrek',
    'uitstroom', 'het vertrek', 'de uitdiensttreding', 'de offboarding',
  ],
  startVerb: ['start', 'begin', 'regel', 'verwerk', 'zet', 'plan', 'initieer', 'doe'],
  leaves: [
    'vertrekt', 'gaat vertrekken', 'is vertrokken', 'verlaat', 'gaat weg', 'stopt', 'gaat stoppen',
    'is gestopt', 'heeft ontslag genomen', 'neemt ontslag',
  ],
  company: [
    'het bedrijf', 'de organisatie', 'de firma', 'ons', 'de zaak', 'onze organisatie', 'ons bedrijf',
  ],
  lastDay: ['laatste werkdag', 'laatste dag', 'laatste werkdag hier', 'einddatum', 'uitdienstdatum', 'vertrekdatum'],
  show: [
    'toon', 'geef', 'geef me', 'geef mij', 'bekijk', 'zoek', 'open', 'vertel me over', 'vertel mij over',
    'vertel over', 'wat weet je over', 'wat weet jij over', 'informatie over', 'info over', 'details van', 'check',
    'laat zien', 'toon mij', 'toon me', 'gegevens van', 'wie is',
  ],
  profile: [
    'profiel', 'gegevens', 'details', 'info', 'informatie', 'account', 'accountgegevens', 'persoonsgegevens', 'kaart',
    'overzicht', 'contactgegevens', 'eigenschappen', 'profielgegevens', 'gebruikersgegevens',
  ],
};
