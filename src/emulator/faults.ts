/** Statuses a fault can answer with: Graph's refusals (a missing permission, a vanished object), throttling and outages. */
export type FaultStatus = 400 | 403 | 404 | 429 | 500 | 502 | 503 | 504;

export interface FaultSpec {
  /**
   * Which requests it applies to; all when left out. `pathIncludes` is matched against the path below /v1.0 (an
   * item of a $batch by its own url). `inBatch: true` takes only items of a $batch, `false` only requests sent on
   * their own (the $batch itself included); left out, both.
   */
  match?: { method?: string; pathIncludes?: string; inBatch?: boolean };
  /** How many times it fires. Default 1; default unlimited when `rate` is given. */
  times?: number;
  /** Probability (0..1) that a matching request is hit; requests it spares do not count against `times`. */
  rate?: number;
  /** The error to answer with. Without it (only delayMs) the request is served normally after the delay. */
  status?: FaultStatus;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Never answer (until the emulator closes): for client timeouts. */
  hang?: boolean;
  /**
   * Carry the request out, then never answer: a response lost on its way back (the write has landed). For an item
   * of a $batch the batch still answers, the item with `status` (default 504 gatewayTimeout) after its work was done.
   */
  lostResponse?: boolean;
  /** With a status: carry the request out, then answer with the error anyway (a gateway that failed after the work was done). */
  landed?: boolean;
  /** Override Graph's error code / message for this status. */
  code?: string;
  message?: string;
}

/** A registered fault, as tests see it. */
export interface Fault {
  readonly spec: Readonly<FaultSpec>;
  /** How many requests it has hit so far. */
  readonly fired: number;
  readonly remaining: number;
  remove(): void;
}

/** Graph's codes and texts for each injected status. */
export const FAULT_ERRORS: Record<FaultStatus, { code: string; message: string }> = {
  400: { code: 'Request_BadRequest', message: 'Invalid request.' },
  403: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
  404: { code: 'Request_ResourceNotFound', message: 'Resource does not exist or one of its queried reference-property objects are not present.' },
  429: { code: 'TooManyRequests', message: 'Too many requests. Please retry after the time given in the Retry-After header.' },
  500: { code: 'generalException', message: 'An unspecified error occurred.' },
  502: { code: 'badGateway', message: 'Bad gateway.' },
  503: { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable. Please retry later.' },
  504: { code: 'gatewayTimeout', message: 'The gateway did not receive a timely response.' },
};

class RegisteredFault implements Fault {
  fired = 0;
  constructor(readonly spec: Readonly<FaultSpec>, private readonly owner: FaultInjector) {}

  get remaining(): number {
    return (this.spec.times ?? (this.spec.rate !== undefined ? Infinity : 1)) - this.fired;
  }

  remove(): void {
    this.owner.remove(this);
  }
}

/**
 * Fault injection for tests: throttling, outages, slow and hanging answers, on chosen requests or at a
 * chosen rate. The first registered fault that matches (and, with a rate, is drawn) wins.
 */
export class FaultInjector {
  private faults: RegisteredFault[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(spec: FaultSpec): Fault {
    if (spec.rate !== undefined && (spec.rate < 0 || spec.rate > 1)) throw new RangeError('fault rate must be between 0 and 1');
    if (spec.status === undefined && spec.delayMs === undefined && !spec.hang && !spec.lostResponse) {
      throw new RangeError('a fault needs a status, a delayMs, hang: true or lostResponse: true');
    }
    const fault = new RegisteredFault({ ...spec, match: spec.match && { ...spec.match } }, this);
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return [...this.faults];
  }

  remove(fault: Fault): void {
    this.faults = this.faults.filter((f) => f !== fault);
  }

  /** The fault for this request (or $batch item), counted as fired; undefined when none applies. */
  take(method: string, path: string, inBatch = false): Readonly<FaultSpec> | undefined {
    for (const fault of this.faults) {
      if (fault.remaining <= 0 || !matches(fault.spec, method, path, inBatch)) continue;
      if (fault.spec.rate !== undefined && this.random() >= fault.spec.rate) continue;
      fault.fired++;
      // A batch item's answer travels inside the batch's: losing it is the item's 504 after the work landed.
      if (inBatch && fault.spec.lostResponse) return { ...fault.spec, lostResponse: false, landed: true, status: fault.spec.status ?? 504 };
      return fault.spec;
    }
    return undefined;
  }
}

function matches(spec: FaultSpec, method: string, path: string, inBatch: boolean): boolean {
  const m = spec.match;
  if (!m) return true;
  if (m.inBatch !== undefined && m.inBatch !== inBatch) return false;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.pathIncludes === undefined) return true;
  const wanted = m.pathIncludes.toLowerCase();
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path
  }
  return path.toLowerCase().includes(wanted) || decoded.toLowerCase().includes(wanted);
}
