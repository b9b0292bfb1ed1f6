/** Time as a dependency, so tests can move it (cache ages, sync staleness, request expiry). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
