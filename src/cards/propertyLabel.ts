import type { Translator } from '../i18n/translate';
import type { ChangeSubject } from '../language/request';

/** The property's name for people, in the reader's language. */
export function propertyLabel(t: Translator, property: ChangeSubject): string {
  return t(`property.${property}`);
}
