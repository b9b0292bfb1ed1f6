/**
 * What the attack suite observed, summed over every case it ran. Each number is counted from what happened
 * (HTTP statuses, the emulator's request log, the bot's log, the audit store, what reached the connector),
 * never from what a case expected to happen.
 */
export class Figures {
  hostileInputs = 0;
  crashes = 0;
  unauthorisedWrites = 0;
  secretsLeaked = 0;
  faultsInjected = 0;
  lostRequests = 0;
  maxInvokeMs = 0;
  /** One line per problem counted above, so a failing run says which case did what. */
  readonly problems: string[] = [];

  problem(kind: 'crash' | 'unauthorised write' | 'secret leaked' | 'lost request', detail: string): void {
    if (kind === 'crash') this.crashes++;
    if (kind === 'unauthorised write') this.unauthorisedWrites++;
    if (kind === 'secret leaked') this.secretsLeaked++;
    if (kind === 'lost request') this.lostRequests++;
    this.problems.push(`${kind}: ${detail}`);
  }

  line(): string {
    return (
      `attack: ${this.hostileInputs} hostile inputs, ${this.crashes} crashes, ${this.unauthorisedWrites} unauthorised writes, ` +
      `${this.secretsLeaked} secrets leaked; faults: ${this.faultsInjected} injected, ${this.lostRequests} lost requests, ` +
      `max invoke answer ${(this.maxInvokeMs / 1000).toFixed(1)} s`
    );
  }
}
