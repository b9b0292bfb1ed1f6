import * as ACData from 'adaptivecards-templating';
import profile from '../../adaptiveCards/profile.json';
import syncStatus from '../../adaptiveCards/syncStatus.json';
import help from '../../adaptiveCards/help.json';
import choosePerson from '../../adaptiveCards/choosePerson.json';
import changePlan from '../../adaptiveCards/changePlan.json';
import requestForm from '../../adaptiveCards/requestForm.json';
import request from '../../adaptiveCards/request.json';
import welcome from '../../adaptiveCards/welcome.json';
import chooseGroup from '../../adaptiveCards/chooseGroup.json';
import bulkPlan from '../../adaptiveCards/bulkPlan.json';
import offboardForm from '../../adaptiveCards/offboardForm.json';

/** Every card template, by name. Templates hold no text of their own: all of it arrives in the data, translated. */
export const TEMPLATES = { profile, syncStatus, help, choosePerson, changePlan, requestForm, request, welcome, chooseGroup, bulkPlan, offboardForm } as const;
export type TemplateName = keyof typeof TEMPLATES;

/** An expanded Adaptive Card, ready to attach to an activity or return from an invoke. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

const compiled = new Map<TemplateName, ACData.Template>();

/**
 * Expands a template with data. Data values are not re-evaluated as expressions, so user text in the data
 * cannot inject template syntax (checked in test/cards).
 */
export function renderCard(name: TemplateName, data: object): AdaptiveCard {
  let template = compiled.get(name);
  if (!template) {
    template = new ACData.Template(TEMPLATES[name]);
    compiled.set(name, template);
  }
  return template.expand({ $root: data }) as AdaptiveCard;
}
