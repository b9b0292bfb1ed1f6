import { contractRequest, parse } from '../../src/language';
import { sanitize } from '../../src/language/sanitize';
import { tokenize } from '../../src/language/tokenize';
import { c, ch, expectCase } from './cases';

/*
 * Issue #13, finding 9: phrasings admins use that the parser missed, each with its Dutch counterpart, and the
 * conversation around requests (small talk, a bare name). Every row failed before the change.
 */

const PHRASINGS = [
  // "<name> is now in the <dept> department", typed in lower case too
  c('fatima is now in the logistics department', 'change', 'fatima', [ch('department', 'logistics')]),
  c('noor zit nu op de afdeling logistiek', 'change', 'noor', [ch('department', 'logistiek')]),
  // "Update <name>: title = <value>", and "title: <value>"
  c('Update Fatima Zahra: title = Head of Data', 'change', 'Fatima Zahra', [ch('jobTitle', 'Head of Data')]),
  c('update Omar Haddad: title: Controller', 'change', 'Omar Haddad', [ch('jobTitle', 'Controller')]),
  c('Update Omar: department = Finance, title = Controller', 'change', 'Omar', [ch('department', 'Finance'), ch('jobTitle', 'Controller')]),
  c('Wijzig Fatima Zahra: functie = Hoofd Data', 'change', 'Fatima Zahra', [ch('jobTitle', 'Hoofd Data')]),
  c('wijzig Omar Haddad: afdeling: Inkoop', 'change', 'Omar Haddad', [ch('department', 'Inkoop')]),
  c('update fatima zahra: title = Head of Data', 'change', 'fatima zahra', [ch('jobTitle', 'Head of Data')]),
  c('Update Fatima Zahra - title = Head of Data', 'change', 'Fatima Zahra', [ch('jobTitle', 'Head of Data')]),
  c('wijzig fatima: functie = Hoofd Data', 'change', 'fatima', [ch('jobTitle', 'Hoofd Data')]),
  // "I need <name>'s department changed to <value> please"
  c("I need Fatima's department changed to Logistics please", 'change', 'Fatima', [ch('department', 'Logistics')]),
  c("I'd like Omar Haddad's title updated to Controller", 'change', 'Omar Haddad', [ch('jobTitle', 'Controller')]),
  c('we need the department of Omar changed to Finance', 'change', 'Omar', [ch('department', 'Finance')]),
  c('ik wil de afdeling van Fatima Zahra graag veranderen in Logistiek', 'change', 'Fatima Zahra', [ch('department', 'Logistiek')]),
  c('kun je de functie van Omar even aanpassen naar Controller?', 'change', 'Omar', [ch('jobTitle', 'Controller')]),
  // "department: <value>, user: <name>", the label first or last
  c('department: Logistics, user: Fatima Zahra', 'change', 'Fatima Zahra', [ch('department', 'Logistics')]),
  c('title: Controller; department: Finance; user: Omar Haddad', 'change', 'Omar Haddad', [ch('jobTitle', 'Controller'), ch('department', 'Finance')]),
  c('user: Omar Haddad, title: Controller', 'change', 'Omar Haddad', [ch('jobTitle', 'Controller')]),
  c('afdeling: Logistiek, gebruiker: Fatima Zahra', 'change', 'Fatima Zahra', [ch('department', 'Logistiek')]),
  c('medewerker: Omar Haddad\nfunctie: Controller', 'change', 'Omar Haddad', [ch('jobTitle', 'Controller')]),
  // a message that starts with an @mention, however Teams or the user wrote it
  c('<p><at>Account Assistant</at> block Pieter Bakker</p>', 'change', 'Pieter Bakker', [ch('accountEnabled', false)]),
  c('<div><at>Account</at> <at>Assistant</at>&nbsp;show Fatima Zahra</div>', 'show', 'Fatima Zahra'),
  c('@Account Assistant block Pieter Bakker', 'change', 'Pieter Bakker', [ch('accountEnabled', false)]),
  c('@Account Assistant blokkeer Pieter Bakker', 'change', 'Pieter Bakker', [ch('accountEnabled', false)]),
  // e-mail addresses with an apostrophe
  c("show o'brien@fabrikam.nl", 'show', "o'brien@fabrikam.nl"),
  c("reset the password of siobhan.o'brien@fabrikam.nl", 'resetPassword', "siobhan.o'brien@fabrikam.nl"),
  c('block o’brien@fabrikam.nl', 'change', "o'brien@fabrikam.nl", [ch('accountEnabled', false)]),
  c("zet de afdeling van o'brien@fabrikam.nl op Inkoop", 'change', "o'brien@fabrikam.nl", [ch('department', 'Inkoop')]),
  // "het wachtwoord van <name> moet opnieuw ingesteld worden"
  c('het wachtwoord van Noah Peeters moet opnieuw ingesteld worden', 'resetPassword', 'Noah Peeters'),
  c('het wachtwoord van noah.peeters@fabrikam.nl moet gereset worden', 'resetPassword', 'noah.peeters@fabrikam.nl'),
  c('Noahs wachtwoord moet opnieuw ingesteld worden', 'resetPassword', 'Noah'),
  c('the password of Noah Peeters has to be reset', 'resetPassword', 'Noah Peeters'),
];

const SMALL_TALK: [string, string][] = [
  ['thanks', 'thanks'], ['Thank you!', 'thanks'], ['thanks a lot', 'thanks'], ['ok thanks', 'thanks'], ['cheers', 'thanks'],
  ['bedankt', 'thanks'], ['dank je', 'thanks'], ['Dank je wel!', 'thanks'], ['top, bedankt', 'thanks'],
  ['hi', 'greeting'], ['hello', 'greeting'], ['Hi there', 'greeting'], ['good morning', 'greeting'], ['hoi', 'greeting'],
  ['goedemorgen', 'greeting'], ['Goedemiddag, hoe gaat het?', 'greeting'], ['<at>Account Assistant</at> hello', 'greeting'],
  ['ok', 'acknowledgement'], ['okay', 'acknowledgement'], ['great', 'acknowledgement'], ['prima', 'acknowledgement'],
  ['oké', 'acknowledgement'], ['haha', 'acknowledgement'],
];

describe('admin phrasings (#13)', () => {
  it.each(PHRASINGS.map((k) => [k.text, k] as const))('%s', (_text, k) => expectCase(k));

  it('keeps an apostrophe inside an address, not at its start', () => {
    expect(tokenize("o'brien@fabrikam.nl").map((t) => t.kind)).toEqual(['email']);
    expect(tokenize("'jan@fabrikam.nl'").map((t) => t.kind)).toEqual(['quoted']);
    expect(tokenize("Fatima's title").map((t) => [t.kind, t.text])).toEqual([['word', 'Fatima'], ['word', 'title']]);
  });

  it('drops a leading mention inside a paragraph, and keeps a later one as the name it is', () => {
    expect(sanitize('<p><at>Account Assistant</at> show <at>Fatima Zahra</at></p>')).toBe('show Fatima Zahra');
  });
});

describe('small talk', () => {
  it.each(SMALL_TALK)('%s is %s', (text, kind) => {
    expect(parse(text)).toMatchObject({ intent: 'smallTalk', smallTalk: kind, target: null });
  });

  it('answers in the language the words are in', () => {
    expect(parse('bedankt', 'en-US').language).toBe('nl');
    expect(parse('thank you', 'nl-NL').language).toBe('en');
    expect(parse('ok', 'nl-NL').language).toBe('nl');
  });

  it.each([
    ['help', 'help'], ['what can you do', 'help'], ['wat kan je?', 'help'], ['please', 'help'],
    ['thanks, block Pieter Bakker', 'change'], ['hi, show Fatima Zahra', 'show'], ['ok, reset Noah\'s password', 'resetPassword'],
    ['sorry, block Pieter Bakker', 'change'], ['no, block Pieter Bakker', 'change'], ['stop Noah', 'unknown'],
  ])('%s is not small talk but %s', (text, intent) => {
    expect(parse(text).intent).toBe(intent);
  });

  it('is help in the parsing contract, which has no small-talk intent, with the kind alongside', () => {
    expect(contractRequest(parse('thanks'))).toEqual({
      intent: 'help', target: null, changes: [], object: null, language: 'en', smallTalk: 'thanks',
    });
    expect(contractRequest(parse('show Fatima'))).not.toHaveProperty('smallTalk');
  });
});

describe('a bare name', () => {
  it.each([
    ['Fatima Hassan', 'Fatima Hassan'], ['fatima', 'fatima'], ['Fatima', 'Fatima'], ['Eva van der Berg', 'Eva van der Berg'],
    ['Dirk-Jan Hoekstra?', 'Dirk-Jan Hoekstra'], ["o'brien@fabrikam.nl", "o'brien@fabrikam.nl"], ['Siobhán O\'Brien', 'Siobhán O\'Brien'],
    ['<at>Account Assistant</at> Noah Peeters', 'Noah Peeters'], ['Willem Post', 'Willem Post'],
  ])('%s shows %s', (text, target) => {
    expect(parse(text)).toMatchObject({ intent: 'show', target });
  });

  it.each([
    'hello', 'ok', 'what can you do', 'Thanks Kenji', 'yes', 'order pizza', 'book a meeting room', 'Block', 'History',
    'Pending Approvals', 'blokeer', 'Alpha Bravo Charlie Delta Echo', 'Post', 'I', 'Fatima\'s', 'delete Kenji', 'Delete Kenji',
    'the sales team', 'Sales Team meeting at 3',
  ])('%s is not a look-up', (text) => {
    expect(parse(text).intent).not.toBe('show');
  });
});
