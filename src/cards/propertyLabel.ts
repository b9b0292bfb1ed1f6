import type { Translator } from '../i18n/translate';
import type { ChangeableProperty } from '../language/request';

/** The property's name for people, in the reader's language. */
export function propertyLabel(t: Translator, property: ChangeableProperty): string {
  return t(`property.${property}`);
}
