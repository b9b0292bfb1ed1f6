import type { Lexicon } from '../lexicon';
import { en } from './en';
import { nl } from './nl';

/** Every language the parser understands. Adding one is adding its lexicon here. */
export const LEXICONS: readonly Lexicon[] = [en, nl];
