import type { Lexicon } from '../lexicon';
import { enPhrases } from './enPhrases';
import { enRules } from './enRules';
import { ADMIN_ROLES } from './adminRoles';
import { LICENCE_PRODUCTS } from './licenceProducts';

/** English: words and phrases. The templates that use them are in enRules.ts. */
export const en: Lexicon = {
  language: 'en',
  possessiveWithoutApostrophe: false,
  properties: {
    displayName: ['display name', 'displayname', 'name', 'full name', 'shown name'],
    givenName: ['first name', 'given name', 'firstname', 'forename', 'christian name'],
    surname: ['surname', 'last name', 'family name', 'lastname'],
    jobTitle: ['job title', 'title', 'position', 'role', 'job', 'function', 'job role', 'jobtitle', 'job position'],
    department: ['department', 'dept', 'division', 'business unit', 'department name'],
    companyName: ['company', 'company name', 'employer', 'organisation', 'organization', 'firm'],
    officeLocation: ['office', 'office location', 'location', 'workplace', 'work location', 'desk location', 'site'],
    streetAddress: ['street', 'street address', 'address', 'street name', 'office address'],
    city: ['city', 'town', 'municipality'],
    state: ['state', 'province', 'region', 'county', 'state/province', 'state or province'],
    postalCode: ['postal code', 'postcode', 'post code', 'zip', 'zip code', 'zipcode'],
    country: ['country', 'country/region', 'nation'],
    businessPhones: [
      'office phone', 'business phone', 'work phone', 'phone', 'phone number', 'telephone', 'telephone number',
      'landline', 'office number', 'work number', 'desk phone', 'direct line', 'business phone number',
      'office phone number', 'work phone number', 'office telephone', 'business number',
    ],
    mobilePhone: [
      'mobile', 'mobile number', 'mobile phone', 'mobile phone number', 'cell', 'cell phone', 'cellphone',
      'cell number', 'cell phone number', 'gsm', 'mobile no', 'cellular', 'mobile nr',
    ],
    faxNumber: ['fax', 'fax number', 'fax no'],
    employeeId: [
      'employee id', 'employee number', 'employeeid', 'staff number', 'staff id', 'personnel number',
      'payroll number', 'employee no', 'emp id', 'badge number', 'employee nr',
    ],
    employeeType: [
      'employee type', 'employment type', 'worker type', 'staff type', 'contract type', 'type of employee',
    ],
    usageLocation: ['usage location', 'usagelocation', 'license location', 'licence location'],
    preferredLanguage: ['preferred language', 'language', 'display language', 'locale'],
    manager: [
      'manager', 'boss', 'supervisor', 'line manager', 'direct manager', 'reporting manager', 'team lead',
      'team leader',
    ],
    accountEnabled: ['account status', 'account state', 'sign-in status', 'account'],
  },
  classes: {
    the: ['the', 'a', 'an'],
    det: ['the', 'a', 'an', 'new', 'current', 'his', 'her', 'their', 'its', 'any'],
    possPron: ['his', 'her', 'their', 'its'],
    me: ['me', 'i', 'myself'],
    my: ['my', 'my own'],
    of: ['of', 'for'],
    for: ['for'],
    to: ['to', 'as', 'into'],
    is: [
      'is', 'is now', 'becomes', 'will be', 'should be', 'must be', 'has become', 'changed to', 'has changed to',
      'is changed to', 'has been changed to', 'needs to be', 'has to be', 'will become', 'is going to be', 'now is',
      'became', '=', 'is updated to', 'should now be', 'will now be', 'am', 'am now', 'are', 'are now', 'will become',
      'needs to change to', 'should change to', 'must change to', 'has to change to', 'should be changed to',
      'must be changed to', 'needs to be changed to', 'needs to be updated to', 'should be updated to',
      'should be set to', 'needs to be set to', 'must be set to', 'is to be', 'has been updated to', 'was changed to',
      'changes to', 'changed into', 'updated to', 'set to', 'moved to',
    ],
    colon: [':', '=', '->', '→', '=>'],
    from: ['from'],
    particle: [],
    sep: [',', ';', 'and', 'plus', 'as well as', '\n', '.', 'also', 'and also', 'then'],
    also: ['also', 'additionally', 'too'],
    set: [
      'set', 'change', 'update', 'modify', 'edit', 'alter', 'make', 'adjust', 'correct', 'fix', 'amend', 'switch',
      'replace', 'put',
    ],
    empty: ['empty', 'nothing', 'blank', 'none', 'null', 'nobody', 'no one', 'noone', 'n/a', 'nil'],
    enabled: ['enabled', 'enable', 'active', 'on', 'true', 'yes', 'unblocked', 'allowed', 'activated', 'open'],
    disabled: [
      'disabled', 'disable', 'inactive', 'off', 'false', 'no', 'blocked', 'suspended', 'locked', 'deactivated',
      'closed',
    ],
    leadingFiller: [
      'please', 'pls', 'plz', 'kindly', 'can you', 'could you', 'would you', 'will you', 'can you please',
      'could you please', 'would you please', 'please could you', 'i want to', "i'd like to", 'i would like to',
      'i wish to', 'i need to', 'we need to', 'we want to', 'i need you to', 'you can', 'go ahead and', 'hey', 'hi',
      'hello', 'ok', 'okay', 'so', 'bot', 'hey bot', 'hi bot', 'hello bot', 'urgent', 'asap', 'and', 'then',
      'good morning', 'good afternoon', 'quick one', 'quickly', 'account assistant', 'accountassistant', 'assistant',
    ],
    trailingFiller: [
      'please', 'pls', 'plz', 'thanks', 'thank you', 'thx', 'ty', 'thanks a lot', 'from now on',
      'effective immediately', 'immediately', 'right away', 'asap', 'today', 'now', 'as of today', 'as of now',
      'starting today', 'going forward', 'if possible', 'when you can', 'cheers', 'for me please',
      'as soon as possible', 'again', 'tomorrow', 'from tomorrow', 'next week', 'from next week', 'from next month',
      'as of next week', 'as of next month', 'from monday', 'from tuesday', 'from wednesday', 'from thursday',
      'from friday', 'as of monday', 'starting monday', 'starting next week', 'effective today', 'effective tomorrow',
      'from today', 'too', 'as well', 'also',
    ],
    personNoun: ['user', 'employee', 'colleague', 'person', 'staff member', 'team member', 'account', 'user account'],
    nameParticle: [
      'de', 'van', 'der', 'den', 'ter', 'ten', 'te', 'von', 'vom', 'zu', 'da', 'di', 'du', 'del', 'della', 'dos',
      'das', 'do', 'la', 'le', 'el', 'al', 'bin', 'binti', 'ibn', 'y', "'t", 'het', 'in',
    ],
    isContraction: ['what', 'who', 'it', 'that', 'he', 'she', 'there', 'here', 'where', 'how', 'when'],
    pronoun: ['him', 'her', 'them', 'he', 'she', 'they'],
    fieldNoun: ['field', 'attribute', 'property', 'value', 'entry', 'setting'],
    clauseSep: [',', '.', ';', '!', '?', 'but', 'because', 'so', 'since', 'and', 'and then', 'then', '—', '–'],
    verb: [
      'set', 'change', 'update', 'modify', 'edit', 'alter', 'make', 'put', 'adjust', 'correct', 'fix', 'amend',
      'replace', 'remove', 'clear', 'delete', 'erase', 'show', 'display', 'view', 'find', 'get', 'open', 'check',
      'disable', 'block', 'enable', 'unblock', 'add', 'assign', 'give', 'reset', 'revoke', 'move', 'transfer',
      'rename', 'promote', 'please', 'can', 'could', 'would', 'sign', 'log', 'kick', 'take', 'is', 'are', 'who',
      'what', 'why', 'where', 'does', 'do', 'help', 'tell', 'let', 'allow', 'turn', 'switch', 'request', 'use',
      'send',
    ],
    // Small talk: a message of only these (and fillers) gets a short answer (see smallTalk.ts).
    thanks: [
      'thanks', 'thank you', 'thx', 'ty', 'tnx', 'thank u', 'thanks a lot', 'thanks so much', 'thank you so much',
      'thank you very much', 'many thanks', 'thanks a million', 'much appreciated', 'appreciated', 'cheers',
      'thanks again', 'thanks for the help', 'thanks for your help', 'thank you for your help', 'thanks for that',
    ],
    greeting: [
      'hi', 'hello', 'hey', 'hiya', 'hi there', 'hello there', 'hey there', 'good morning', 'good afternoon',
      'good evening', 'morning', 'howdy', 'greetings', 'yo', 'how are you', 'how are you doing', 'how is it going',
      'are you there', 'anybody there', 'ping', 'test', 'testing',
    ],
    acknowledgement: [
      'ok', 'okay', 'k', 'kk', 'alright', 'all right', 'fine', 'great', 'cool', 'nice', 'perfect', 'awesome',
      'excellent', 'good', 'got it', 'understood', 'noted', 'bye', 'goodbye', 'see you', 'see you later', 'that is all',
      'that was all', 'nothing else', 'wonderful', 'brilliant', 'lovely', 'super', 'done', 'haha', 'lol',
      'sorry', 'sorry about that', 'my bad', 'oops', 'whoops', 'yes', 'yeah', 'yep', 'yup', 'no', 'nope', 'no thanks',
      'sure', 'thumbs up',
    ],
    cancel: [
      'cancel', 'cancel that', 'cancel it', 'cancel this', 'never mind', 'nevermind', 'forget it', 'forget that',
      'forget about it', 'abort', 'stop', 'scratch that',
    ],
    softener: ['please', 'kindly'],
    // "… for me please" is a filler as a whole, so "please" is not left out on its own.
    politeness: [],
    participle: [],
    auxiliary: [],
    product: LICENCE_PRODUCTS,
    adminRole: [
      ...ADMIN_ROLES, 'admin', 'administrator', 'admin rights', 'administrator rights', 'admin privileges',
      'admin permissions', 'admin access', 'admin role', 'administrator role',
    ],
    roleNoun: [
      'role', 'admin role', 'administrator role', 'rights', 'admin rights', 'administrator rights', 'privileges',
      'admin privileges', 'permissions', 'admin permissions', 'access', 'admin access', 'role assignment',
    ],
    ...enPhrases,
  },
  rules: enRules,
};
