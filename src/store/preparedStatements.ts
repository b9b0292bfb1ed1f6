import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';

const { serialize } = protocol;

interface Statement {
  name: string;
  /** Parameter type oids, from Describe: they pick each parameter's serializer, as PGlite's own query() does. */
  paramTypes: number[];
}

/** Each statement used, by its text; the store has a few dozen, the bound only stops a runaway caller. */
const MAX_STATEMENTS = 200;

/**
 * What PostgreSQL answers when a prepared statement no longer fits the schema ("cached plan must not change
 * result type", after a column was added under a `SELECT *`) or no longer exists: prepare it again.
 */
const STALE_STATEMENT = new Set(['0A000', '26000']);

/**
 * PGlite statements prepared once and then run with one call into the database per use.
 *
 * Why: PGlite's `query()` parses, describes, binds, describes, executes and syncs as six separate calls into
 * WASM for every statement, which made a plan insert cost about twice the statement itself (`npm run bench`).
 * Here a statement is parsed and described the first time its text is seen; after that Bind, Describe,
 * Execute and Sync go in as one message.
 *
 * Not safe on its own against interleaving: the caller runs one statement at a time and none during a
 * transaction (see PgliteClient).
 */
export class PreparedStatements {
  private readonly statements = new Map<string, Statement>();
  private next = 1;

  constructor(private readonly db: PGlite) {}

  async run<T>(sql: string, params: readonly unknown[]): Promise<Results<T>> {
    const known = this.statements.get(sql);
    if (!known) return this.execute<T>(await this.prepare(sql), params);
    try {
      return await this.execute<T>(known, params);
    } catch (error) {
      if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
      await this.forget(sql);
      return this.execute<T>(await this.prepare(sql), params);
    }
  }

  private async execute<T>(statement: Statement, params: readonly unknown[]): Promise<Results<T>> {
    const values = params.map((value, i) => this.serialize(value, statement.paramTypes[i]));
    const { messages } = await this.db.execProtocol(concat([
      serialize.bind({ statement: statement.name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]));
    return parse.parseResults(messages, this.db.parsers)[0] as Results<T>;
  }

  private async prepare(sql: string): Promise<Statement> {
    if (this.statements.size >= MAX_STATEMENTS) await this.evictOldest();
    const name = `s${this.next++}`;
    const { messages } = await this.db.execProtocol(concat([
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]));
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.statements.set(sql, statement);
    return statement;
  }

  private async evictOldest(): Promise<void> {
    await this.forget(this.statements.keys().next().value!);
  }

  private async forget(sql: string): Promise<void> {
    const statement = this.statements.get(sql);
    if (!statement) return;
    this.statements.delete(sql);
    await this.db.execProtocol(concat([serialize.close({ type: 'S', name: statement.name }), serialize.sync()]));
  }

  private serialize(value: unknown, oid: number | undefined): string | null {
    if (value === null || value === undefined) return null;
    const serializer = oid === undefined ? undefined : this.db.serializers[oid];
    return serializer ? serializer(value) : String(value);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
