/**
 * `npm run test:attack` (also part of `npm test`): the bot under forged requests, tampered cards, hostile
 * input and Graph faults, over HTTP against the emulator and a fake connector. Every case feeds one set of
 * figures; the last test prints them as one line and requires no crash, no unauthorised write, no leaked
 * secret and no lost request.
 */
import { authorizationCases } from './authorization.cases';
import { bulkCases } from './bulk.cases';
import { cardCases } from './cards.cases';
import { delegatedCases } from './delegated.cases';
import { faultCases } from './faults.cases';
import { inboundCases } from './inbound.cases';
import { lastResortCases, secretCases } from './secrets.cases';
import { textCases } from './text.cases';
import { Figures } from './figures';

const figures = new Figures();

inboundCases(figures);
cardCases(figures);
textCases(figures);
faultCases(figures);
authorizationCases(figures);
bulkCases(figures);
delegatedCases(figures);
secretCases(figures);
lastResortCases();

describe('the figures', () => {
  it('show no crash, no unauthorised write, no leaked secret and no lost request', () => {
    process.stdout.write(`\n${figures.line()}\n`);
    expect(figures.problems).toEqual([]);
    // The suite's reach, as issue #11 set it: a change that drops cases below these is a weaker suite.
    expect(figures.hostileInputs).toBeGreaterThanOrEqual(400);
    expect(figures.faultsInjected).toBeGreaterThanOrEqual(150);
  });
});
