/**
 * Structured logging: one JSON object per line, so a value with CR/LF cannot forge a log line.
 * Keys that can carry secrets are redacted here, whatever the caller passes.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|credential/i;

/** Replaces values under secret-looking keys, at any depth. Errors keep name, message, code and stack. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // An Error's own fields are not enumerable: walked like a plain object it would log as {}. Its enumerable
  // extras (a Graph request-id, a status) and its cause come along, redacted like the rest.
  if (value instanceof Error) {
    const { name, message, stack, cause } = value;
    const extras = redact({ ...value }, depth + 1) as Record<string, unknown>;
    return { ...extras, name, message, stack, ...(cause === undefined ? {} : { cause: redact(cause, depth + 1) }) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export type LogSink = (line: string, level: LogLevel) => void;

const defaultSink: LogSink = (line, level) => (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');

export function createLogger(level: LogLevel = 'info', sink: LogSink = defaultSink, base: LogFields = {}): Logger {
  const write = (l: LogLevel, event: string, fields?: LogFields): void => {
    if (ORDER[l] < ORDER[level]) return;
    const record = { time: new Date().toISOString(), level: l, event, ...(redact({ ...base, ...fields }) as LogFields) };
    sink(JSON.stringify(record), l);
  };
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}

/** A logger that keeps lines in memory: tests read what would have been logged. */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger(level, (line) => lines.push(line)), { lines });
}
