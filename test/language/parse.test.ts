import { parse } from '../../src/language';
import { c, ch, expectCase } from './cases';

/** The shapes the issue names, one row each, in both languages where the issue gives both. */
const SHAPES = [
  c("set Fatima's title to Head of Data", 'change', 'Fatima', [ch('jobTitle', 'Head of Data')]),
  c("set Lars Nilsson' title to Controller", 'change', 'Lars Nilsson', [ch('jobTitle', 'Controller')]),
  c("set Lars Nilsson's title to Controller", 'change', 'Lars Nilsson', [ch('jobTitle', 'Controller')]),
  c("zet Jan's afdeling op Inkoop", 'change', 'Jan', [ch('department', 'Inkoop')]),
  c('set the department of Noor Amrani to Logistics', 'change', 'Noor Amrani', [ch('department', 'Logistics')]),
  c('zet de afdeling van Noor Amrani op Logistiek', 'change', 'Noor Amrani', [ch('department', 'Logistiek')]),
  c('wijzig de functie van Noor naar Planner', 'change', 'Noor', [ch('jobTitle', 'Planner')]),
  c('wijzig de functie van Noor in Planner', 'change', 'Noor', [ch('jobTitle', 'Planner')]),
  c('Ingrid Holm is now in the Treasury department', 'change', 'Ingrid Holm', [ch('department', 'Treasury')]),
  c('Ingrid Holm reports to Omar Haddad', 'change', 'Ingrid Holm', [ch('manager', 'Omar Haddad')]),
  c('Ingrid Holm rapporteert aan Omar Haddad', 'change', 'Ingrid Holm', [ch('manager', 'Omar Haddad')]),
  c('Ingrid valt voortaan onder Omar', 'change', 'Ingrid', [ch('manager', 'Omar')]),
  c('make Omar Haddad the manager of Ingrid Holm', 'change', 'Ingrid Holm', [ch('manager', 'Omar Haddad')]),
  c("change Ingrid's title from Analyst to Lead Analyst", 'change', 'Ingrid', [ch('jobTitle', 'Lead Analyst')]),
  c('Yuki mobile +81 80 9876 5432', 'change', 'Yuki', [ch('mobilePhone', '+81 80 9876 5432')]),
  c('Yuki: title: CFO, department: Board', 'change', 'Yuki', [ch('jobTitle', 'CFO'), ch('department', 'Board')]),
  c('title: CFO; department: Board for Yuki Sato', 'change', 'Yuki Sato', [ch('jobTitle', 'CFO'), ch('department', 'Board')]),
  c("Yuki Sato's employee id is 40411", 'change', 'Yuki Sato', [ch('employeeId', '40411')]),
  c("set Yuki's title to Director, Research & Development", 'change', 'Yuki', [ch('jobTitle', 'Director, Research & Development')]),
  c("set Yuki's title to Jr. Designer (EMEA).", 'change', 'Yuki', [ch('jobTitle', 'Jr. Designer (EMEA)')]),
  c('set Yuki\'s title to "head of LEGAL"', 'change', 'Yuki', [ch('jobTitle', 'head of LEGAL')]),
  c("set Yuki's title to “Head of Legal”", 'change', 'Yuki', [ch('jobTitle', 'Head of Legal')]),
  c("set Yuki's title to 'Head of Legal'", 'change', 'Yuki', [ch('jobTitle', 'Head of Legal')]),
  c("change Omar's title to COO and his department to Operations", 'change', 'Omar', [ch('jobTitle', 'COO'), ch('department', 'Operations')]),
  c("change Omar's title to Lead Data Engineer and department to Platform", 'change', 'Omar', [ch('jobTitle', 'Lead Data Engineer'), ch('department', 'Platform')]),
  c("set Omar's department to Research & Development", 'change', 'Omar', [ch('department', 'Research & Development')]),
  c("set Omar's department to Sales and Marketing", 'change', 'Omar', [ch('department', 'Sales and Marketing')]),
  c("zet Omars afdeling op Verkoop en Marketing", 'change', 'Omar', [ch('department', 'Verkoop en Marketing')]),
  c('update my title to Buyer', 'change', 'me', [ch('jobTitle', 'Buyer')]),
  c('zet mijn mobiele nummer op 06 12312312', 'change', 'me', [ch('mobilePhone', '06 12312312')]),
  c('ik rapporteer aan Omar', 'change', 'me', [ch('manager', 'Omar')]),
  c('<at>Account Assistant</at> disable Pieter Bakker', 'change', 'Pieter Bakker', [ch('accountEnabled', false)]),
  c('set&nbsp;Yuki&#39;s title to CFO', 'change', 'Yuki', [ch('jobTitle', 'CFO')]),
  c('chagne the titel of Omar Haddad to Controller', 'change', 'Omar Haddad', [ch('jobTitle', 'Controller')]),
  c('Omar Haddad doesn\'t have a manager anymore', 'change', 'Omar Haddad', [ch('manager', null)]),
  c('remove the manager of Omar', 'change', 'Omar', [ch('manager', null)]),
  c('Omar heeft geen manager meer', 'change', 'Omar', [ch('manager', null)]),
  c('remove the mobile number of Omar', 'change', 'Omar', [ch('mobilePhone', null)]),
  c("clear Omar's fax", 'change', 'Omar', [ch('faxNumber', null)]),
  c('verwijder het mobiele nummer van Omar', 'change', 'Omar', [ch('mobilePhone', null)]),
];

const ACCOUNT = [
  c('disable Ingrid Holm', 'change', 'Ingrid Holm', [ch('accountEnabled', false)]),
  c('block Ingrid Holm', 'change', 'Ingrid Holm', [ch('accountEnabled', false)]),
  c('unblock Ingrid Holm', 'change', 'Ingrid Holm', [ch('accountEnabled', true)]),
  c('enable Ingrid Holm', 'change', 'Ingrid Holm', [ch('accountEnabled', true)]),
  c('block sign in for ingrid.holm@fabrikam.nl', 'change', 'ingrid.holm@fabrikam.nl', [ch('accountEnabled', false)]),
  c('blokkeer Ingrid Holm', 'change', 'Ingrid Holm', [ch('accountEnabled', false)]),
  c('deblokkeer Ingrid Holm', 'change', 'Ingrid Holm', [ch('accountEnabled', true)]),
  c('schakel Ingrid in', 'change', 'Ingrid', [ch('accountEnabled', true)]),
  c('schakel Ingrid uit', 'change', 'Ingrid', [ch('accountEnabled', false)]),
  c('zet het account van Ingrid weer aan', 'change', 'Ingrid', [ch('accountEnabled', true)]),
  c('zet het account van Ingrid uit', 'change', 'Ingrid', [ch('accountEnabled', false)]),
];

const INTENTS = [
  c("reset Ingrid's password", 'resetPassword', 'Ingrid'),
  c('Omar is locked out of his account, give him a temporary one', 'resetPassword', 'Omar'),
  c('stel een nieuw wachtwoord in voor Omar Haddad', 'resetPassword', 'Omar Haddad'),
  c('reset het wachtwoord van Omar', 'resetPassword', 'Omar'),
  c('revoke all sessions of Omar', 'revokeSessions', 'Omar'),
  c('sign Omar out everywhere', 'revokeSessions', 'Omar'),
  c('meld Omar af op alle apparaten', 'revokeSessions', 'Omar'),
  c('assign an E5 license to Omar', 'assignLicense', 'Omar', undefined, 'E5'),
  c('give Omar a Visio licence', 'assignLicense', 'Omar', undefined, 'Visio'),
  c('remove the Power BI Pro license from Omar', 'removeLicense', 'Omar', undefined, 'Power BI Pro'),
  c('wijs een E5-licentie toe aan Omar', 'assignLicense', 'Omar', undefined, 'E5'),
  c('haal de E3-licentie van Omar weg', 'removeLicense', 'Omar', undefined, 'E3'),
  c('add Omar to the Field Engineers group', 'addToGroup', 'Omar', undefined, 'Field Engineers'),
  c('put Omar in Field Engineers', 'addToGroup', 'Omar', undefined, 'Field Engineers'),
  c('voeg Omar toe aan Buitendienst', 'addToGroup', 'Omar', undefined, 'Buitendienst'),
  c('verwijder Omar uit de groep Buitendienst', 'removeFromGroup', 'Omar', undefined, 'Buitendienst'),
  c('show Omar Haddad', 'show', 'Omar Haddad'),
  c('who is Omar?', 'show', 'Omar'),
  c('laat Omar zien', 'show', 'Omar'),
  c('wie is Omar?', 'show', 'Omar'),
  c('toon Omar', 'show', 'Omar'),
  c('is Omar synced?', 'syncStatus', 'Omar'),
  c('is Omar synchronized from AD?', 'syncStatus', 'Omar'),
  c("why can't I change Omar's department in the portal?", 'syncStatus', 'Omar'),
  c("where is Omar's account managed?", 'syncStatus', 'Omar'),
  c('wordt Omar gesynchroniseerd met de lokale AD?', 'syncStatus', 'Omar'),
  c('waarom kan ik Omar niet wijzigen?', 'syncStatus', 'Omar'),
  c('history of Omar', 'history', 'Omar'),
  c('geschiedenis van Omar', 'history', 'Omar'),
  c('request a change', 'requestChange', null),
  c('wijziging aanvragen', 'requestChange', null),
  c('my requests', 'myRequests', null),
  c('mijn aanvragen', 'myRequests', null),
  c('pending approvals', 'pendingApprovals', null),
  c('openstaande goedkeuringen', 'pendingApprovals', null),
  c('use this channel for approvals', 'useChannelForApprovals', null),
  c('gebruik dit kanaal voor goedkeuringen', 'useChannelForApprovals', null),
  c('help', 'help', null),
  c('help me', 'help', null),
  c('what can you do?', 'help', null),
  c('wat kan ik aan je vragen?', 'help', null),
  c('hulp', 'help', null),
  c('book a meeting room for tomorrow', 'unknown', null),
];

/** Property words and their synonyms (misspelt ones included), each in a sentence of its own language. */
const SYNONYMS: ['en' | 'nl', string, string][] = [
  ['en', 'title', 'jobTitle'], ['en', 'job title', 'jobTitle'], ['en', 'position', 'jobTitle'], ['en', 'role', 'jobTitle'],
  ['nl', 'functie', 'jobTitle'], ['nl', 'functietitel', 'jobTitle'], ['en', 'cell', 'mobilePhone'], ['en', 'mobile', 'mobilePhone'],
  ['en', 'mobile number', 'mobilePhone'], ['nl', 'mobiel', 'mobilePhone'], ['nl', 'mobiele nummer', 'mobilePhone'],
  ['nl', 'GSM', 'mobilePhone'], ['en', 'zip', 'postalCode'], ['en', 'postcode', 'postalCode'], ['nl', 'postcode', 'postalCode'],
  ['en', 'postal code', 'postalCode'], ['en', 'office phone', 'businessPhones'], ['en', 'business phone', 'businessPhones'],
  ['en', 'work phone', 'businessPhones'], ['nl', 'telefoon', 'businessPhones'], ['nl', 'vast nummer', 'businessPhones'],
  ['en', 'surname', 'surname'], ['en', 'last name', 'surname'], ['en', 'family name', 'surname'], ['nl', 'achternaam', 'surname'],
  ['en', 'first name', 'givenName'], ['en', 'given name', 'givenName'], ['nl', 'voornaam', 'givenName'],
  ['en', 'display name', 'displayName'], ['nl', 'naam', 'displayName'], ['en', 'office', 'officeLocation'],
  ['nl', 'kantoor', 'officeLocation'], ['nl', 'locatie', 'officeLocation'], ['en', 'company', 'companyName'],
  ['nl', 'bedrijf', 'companyName'], ['en', 'city', 'city'], ['en', 'town', 'city'], ['nl', 'stad', 'city'], ['nl', 'plaats', 'city'],
  ['nl', 'woonplaats', 'city'], ['en', 'country', 'country'], ['nl', 'land', 'country'], ['en', 'state', 'state'],
  ['en', 'province', 'state'], ['nl', 'provincie', 'state'], ['en', 'street', 'streetAddress'], ['en', 'address', 'streetAddress'],
  ['nl', 'straat', 'streetAddress'], ['nl', 'adres', 'streetAddress'], ['en', 'employee id', 'employeeId'],
  ['nl', 'personeelsnummer', 'employeeId'], ['en', 'employee type', 'employeeType'], ['nl', 'soort medewerker', 'employeeType'],
  ['en', 'usage location', 'usageLocation'], ['nl', 'gebruikslocatie', 'usageLocation'], ['en', 'language', 'preferredLanguage'],
  ['en', 'preferred language', 'preferredLanguage'], ['nl', 'taal', 'preferredLanguage'], ['en', 'fax', 'faxNumber'],
  ['nl', 'fax', 'faxNumber'], ['en', 'departmnet', 'department'], ['en', 'titel', 'jobTitle'], ['en', 'moblie', 'mobilePhone'],
  ['nl', 'afdleing', 'department'], ['nl', 'functei', 'jobTitle'],
];

describe('parse', () => {
  it.each(SHAPES.map((k) => [k.text, k] as const))('understands the shape of %s', (_t, k) => expectCase(k));
  it.each(ACCOUNT.map((k) => [k.text, k] as const))('turns %s into accountEnabled', (_t, k) => expectCase(k));
  it.each(INTENTS.map((k) => [k.text, k] as const))('finds the intent of %s', (_t, k) => expectCase(k));

  it.each(SYNONYMS)('%s: reads "%s" as %s', (language, word, property) => {
    const text = language === 'en' ? `set the ${word} of Omar Haddad to X1` : `zet de ${word} van Omar Haddad op X1`;
    expect(parse(text)).toMatchObject({ target: 'Omar Haddad', changes: [{ property, value: 'X1' }] });
  });

  it('returns every field of a Request, and no changes outside the change intent', () => {
    expect(parse('show Omar')).toEqual({ intent: 'show', target: 'Omar', changes: [], object: null, language: 'en' });
    expect(parse('add Omar to Finance').changes).toEqual([]);
  });

  it.each([
    ['blokkeer Pieter Bakker', undefined, 'nl'],
    ['disable Pieter Bakker', 'nl-NL', 'en'],
    ['Pieter Bakker', 'nl-NL', 'nl'],
    ['Pieter Bakker', 'en-US', 'en'],
    ['Pieter Bakker', undefined, 'en'],
    ['Pieter Bakker', 'fr-FR', 'en'],
  ])('detects the language of %s (locale %s) as %s', (text, locale, language) => {
    expect(parse(text, locale).language).toBe(language);
  });

  it('is deterministic', () => {
    const text = "change Omar's title to COO and his department to Operations";
    expect(parse(text)).toEqual(parse(text));
  });
});
