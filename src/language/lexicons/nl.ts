import type { Lexicon } from '../lexicon';
import { nlPhrases } from './nlPhrases';
import { nlRules } from './nlRules';
import { ADMIN_ROLES } from './adminRoles';
import { LICENCE_PRODUCTS } from './licenceProducts';

/**
 * Dutch: words and phrases (templates in nlRules.ts). A few English IT words that Dutch admins use
 * as they are ("mobile", "title", "licence") are listed too.
 */
export const nl: Lexicon = {
  language: 'nl',
  possessiveWithoutApostrophe: true,
  properties: {
    displayName: ['weergavenaam', 'naam', 'volledige naam', 'display name', 'schermnaam'],
    givenName: ['voornaam', 'roepnaam', 'voornamen'],
    surname: ['achternaam', 'familienaam', 'geslachtsnaam'],
    jobTitle: [
      'functie', 'functietitel', 'titel', 'functienaam', 'rol', 'job title', 'title', 'positie',
      'functieomschrijving', 'baan',
    ],
    department: ['afdeling', '- afdeling', 'afdelingsnaam', 'divisie', 'business unit', 'sectie', 'department'],
    companyName: ['bedrijf', 'bedrijfsnaam', 'organisatie', 'firma', 'onderneming', 'werkgever', 'company'],
    officeLocation: [
      'kantoor', 'kantoorlocatie', 'locatie', 'vestiging', 'werkplek', 'office', 'standplaats', 'werklocatie',
    ],
    streetAddress: ['straat', 'adres', 'straatnaam', 'straatadres', 'straat en huisnummer', 'bezoekadres', 'werkadres'],
    city: ['stad', 'plaats', 'woonplaats', 'gemeente', 'plaatsnaam', 'vestigingsplaats', 'city'],
    state: ['provincie', 'staat', 'regio', 'deelstaat', 'state', 'staat/provincie'],
    postalCode: ['postcode', 'zip', 'zipcode', 'postal code'],
    country: ['land', 'land/regio', 'country'],
    businessPhones: [
      'telefoon', 'telefoonnummer', 'vast nummer', 'vaste nummer', 'vast telefoonnummer', 'vaste telefoonnummer',
      'werktelefoon', 'zakelijk nummer', 'zakelijke telefoon', 'zakelijk telefoonnummer', 'kantoortelefoon',
      'toestel', 'toestelnummer', 'doorkiesnummer', 'doorkies', 'office phone', 'business phone', 'werknummer',
      'zakelijke nummer', 'nummer op kantoor', 'vaste telefoon',
    ],
    mobilePhone: [
      'mobiel', 'mobiel nummer', 'mobiele nummer', 'mobiele telefoon', 'mobiele telefoonnummer',
      'mobiel telefoonnummer', 'mobieltje', 'gsm', 'gsm-nummer', 'gsm nummer', '06-nummer', '06 nummer', 'mobile',
      'mobile number', 'mobielnummer',
    ],
    faxNumber: ['fax', 'faxnummer', 'fax nummer'],
    employeeId: [
      'personeelsnummer', 'medewerkersnummer', 'werknemersnummer', 'employee id', 'personeels-id', 'personeelsnr',
      'medewerker-id', 'medewerkers-id', 'personeelsid', 'medewerkernummer',
    ],
    employeeType: [
      'soort medewerker', 'type medewerker', 'medewerkerstype', 'soort dienstverband', 'dienstverband',
      'type werknemer', 'werknemerstype', 'contracttype', 'employee type', 'soort werknemer', 'type dienstverband',
    ],
    usageLocation: ['gebruikslocatie', 'usage location', 'gebruiksland', 'locatie voor gebruik'],
    preferredLanguage: ['taal', 'voorkeurstaal', 'gewenste taal', 'voorkeur taal', 'language', 'weergavetaal'],
    manager: [
      'manager', 'leidinggevende', 'baas', 'chef', 'direct leidinggevende', 'teamleider', 'lijnmanager',
      'directe leidinggevende',
    ],
    accountEnabled: ['accountstatus', 'account', 'aanmeldstatus', 'status van het account'],
  },
  classes: {
    the: ['de', 'het', 'een', "'t"],
    det: ['de', 'het', 'een', "'t", 'nieuwe', 'nieuw', 'huidige', 'zijn', 'haar', 'hun', "z'n", "d'r"],
    possPron: ['zijn', 'haar', 'hun', "z'n", "d'r"],
    me: ['mij', 'me', 'ik', 'mezelf', 'mijzelf'],
    my: ['mijn', "m'n", 'mijn eigen'],
    of: ['van', 'voor'],
    for: ['voor'],
    to: ['naar', 'in', 'op', 'tot', 'als'],
    is: [
      'is', 'wordt', 'is nu', 'wordt nu', 'wordt voortaan', 'is voortaan', 'moet zijn', 'moet worden', '=',
      'wordt vanaf nu', 'verandert in', 'verandert naar', 'wordt gewijzigd in', 'wordt gewijzigd naar', 'is vanaf nu',
      'wordt per direct', 'moet', 'moet nu', 'moet voortaan',
    ],
    colon: [':', '=', '->', '→', '=>'],
    from: ['van'],
    particle: ['aan', 'in', 'om', 'bij'],
    sep: [',', ';', 'en', 'plus', 'en ook', '\n', '.', 'alsook', 'evenals', 'daarnaast', 'verder'],
    also: ['ook', 'tevens', 'daarnaast', 'verder'],
    set: [
      'wijzig', 'verander', 'zet', 'pas', 'stel', 'update', 'maak', 'corrigeer', 'verbeter', 'bewerk', 'vervang',
      'werk', 'wijzigen', 'veranderen', 'aanpassen', 'zetten', 'instellen', 'updaten', 'bijwerken', 'wijzigd',
      'veranderd',
    ],
    empty: ['leeg', 'niets', 'niks', 'geen', 'geen waarde', 'blanco', 'niemand', 'geen enkele'],
    enabled: [
      'aan', 'actief', 'ingeschakeld', 'geactiveerd', 'ja', 'true', 'gedeblokkeerd', 'open', 'enabled', 'aangezet',
    ],
    disabled: [
      'uit', 'inactief', 'uitgeschakeld', 'geblokkeerd', 'gedeactiveerd', 'nee', 'false', 'dicht', 'disabled',
      'gesloten', 'uitgezet', 'geschorst',
    ],
    leadingFiller: [
      'graag', 'alsjeblieft', 'alstublieft', 'aub', 'a.u.b.', 'kun je', 'kan je', 'kunt u', 'wil je', 'wilt u',
      'zou je', 'zou u', 'kun jij', 'kan jij', 'wil jij', 'ik wil', 'ik wil graag', 'ik zou graag', 'ik zou willen', 'ik zou',
      'hoi', 'hallo', 'hey', 'hé', 'goedemorgen', 'goedemiddag', 'ok', 'oké', 'even', 'svp', 'bot', 'zou je even',
      'kun je even', 'wil je even', 'kun je misschien', 'graag even', 'en', 'dan', 'dag', 'beste bot', 'kunt u even',
      'kan je even', 'account assistant', 'accountassistant', 'assistant', 'assistent',
    ],
    trailingFiller: [
      'alsjeblieft', 'alstublieft', 'aub', 'a.u.b.', 'a.u.b', 'graag', 'bedankt', 'dank je', 'dank u', 'dankjewel',
      'dank je wel', 'per direct', 'vanaf nu', 'vanaf vandaag', 'met ingang van vandaag', 'per vandaag', 'voortaan',
      'vandaag', 'nu', 'zo snel mogelijk', 'asap', 'even', 'svp', 'z.s.m.', 'zsm', 'wijzigen', 'veranderen',
      'aanpassen', 'zetten', 'instellen', 'updaten', 'bijwerken', 'doorvoeren', 'doen', 'a.s.a.p.', 'thanks', 'weer',
      'worden', 'zijn', 'morgen', 'vanaf morgen', 'vanaf maandag', 'per maandag', 'vanaf volgende week',
      'per volgende week', 'vanaf volgende maand', 'per volgende maand', 'per 1 januari', 'met ingang van morgen',
      'ook', 'meteen', 'ook meteen', 'ook even', 'gelijk', 'direct',
    ],
    personNoun: [
      'gebruiker', 'medewerker', 'collega', 'werknemer', 'persoon', 'account', 'medewerkster', 'het account',
    ],
    nameParticle: [
      'de', 'van', 'der', 'den', 'ter', 'ten', 'te', 'von', 'vom', 'zu', 'da', 'di', 'du', 'del', 'della', 'dos',
      'das', 'do', 'la', 'le', 'el', 'al', 'bin', 'binti', 'ibn', 'y', "'t", 'het', 'in', 'op',
    ],
    isContraction: [],
    pronoun: ['hem', 'haar', 'hen', 'zij', 'hij', 'ze'],
    fieldNoun: ['veld', 'attribuut', 'eigenschap', 'waarde'],
    clauseSep: [',', '.', ';', '!', '?', 'maar', 'want', 'omdat', 'dus', 'en', 'daarom', '—', '–'],
    verb: [
      'wijzig', 'verander', 'zet', 'pas', 'stel', 'update', 'maak', 'verwijder', 'wis', 'toon', 'laat', 'geef',
      'blokkeer', 'deblokkeer', 'activeer', 'deactiveer', 'schakel', 'voeg', 'haal', 'reset', 'herstel', 'meld',
      'log', 'trek', 'wijs', 'ken', 'hernoem', 'verplaats', 'zoek', 'is', 'wordt', 'wie', 'wat', 'waarom', 'waar',
      'kun', 'kan', 'wil', 'graag', 'gebruik', 'vraag', 'dien', 'sta', 'willen', 'laten',
    ],
    // Small talk: a message of only these (and fillers) gets a short answer (see smallTalk.ts).
    thanks: [
      'bedankt', 'dank je', 'dank je wel', 'dankjewel', 'dank u', 'dank u wel', 'dankuwel', 'hartelijk dank', 'dank',
      'veel dank', 'heel erg bedankt', 'super bedankt', 'top bedankt', 'bedankt voor je hulp', 'dank voor je hulp',
      'bedankt hoor', 'dankjewel hoor', 'merci', 'thanks', 'thx', 'tnx',
    ],
    greeting: [
      'hoi', 'hallo', 'hey', 'hé', 'hi', 'goedemorgen', 'goedemiddag', 'goedenavond', 'goeiemorgen', 'goeiemiddag',
      'morgen', 'dag', 'hallo daar', 'hoe gaat het', 'hoe gaat het met je', 'hoe is het', 'alles goed', 'ben je er',
      'ping', 'test', 'testen',
    ],
    acknowledgement: [
      'ok', 'oké', 'okay', 'oke', 'prima', 'top', 'goed', 'mooi', 'super', 'perfect', 'helder', 'duidelijk',
      'begrepen', 'fijn', 'geweldig', 'klopt', 'dat was het', 'dat is alles',
      'verder niets', 'niets meer', 'doei', 'tot ziens', 'tot later', 'fijne dag', 'cool', 'netjes', 'klaar', 'haha', 'lol',
      'sorry', 'sorry hoor', 'excuses', 'excuus', 'mijn excuses', 'oeps', 'ja', 'jawel', 'jazeker', 'nee', 'neen',
      'nee hoor', 'nee dank je', 'zeker', 'akkoord',
    ],
    cancel: [
      'annuleer', 'annuleren', 'annuleer maar', 'annuleer dat', 'laat maar', 'laat maar zitten', 'vergeet het',
      'vergeet het maar', 'stop', 'stoppen', 'afbreken', 'breek af', 'toch niet', 'niet doen',
    ],
    softener: ['graag', 'even', 'alsjeblieft', 'alstublieft', 'svp', 'nog', 'snel', 'graag even'],
    politeness: ['graag', 'alsjeblieft', 'alstublieft', 'aub', 'svp'],
    participle: [
      'gewijzigd', 'veranderd', 'aangepast', 'bijgewerkt', 'geüpdatet', 'geupdatet', 'gezet', 'ingesteld', 'wijzigd',
    ],
    auxiliary: ['hebben', 'worden', 'zien', 'krijgen'],
    product: LICENCE_PRODUCTS,
    adminRole: [
      ...ADMIN_ROLES, 'admin', 'administrator', 'beheerder', 'globale beheerder', 'hoofdbeheerder', 'globale admin',
      'gebruikersbeheerder', 'helpdeskbeheerder', 'wachtwoordbeheerder', 'tenantbeheerder', 'domeinbeheerder',
      'beheerdersrechten', 'beheerrechten', 'adminrechten', 'beheerdersrol', 'beheerrol', 'adminrol',
    ],
    roleNoun: [
      'rol', '- rol', 'beheerdersrol', 'beheerrol', 'adminrol', 'rechten', 'beheerdersrechten', 'beheerrechten',
      'adminrechten', '- rechten', 'toegang', 'roltoewijzing',
    ],
    ...nlPhrases,
  },
  rules: nlRules,
};
