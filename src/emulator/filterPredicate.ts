import { GraphMessages, odataBadRequest, unsupportedQuery } from './graphError';
import type { FilterNode, Literal, Operand } from './odataFilter';
import type { GraphObject } from './tenantState';

/** What the filter compiler needs to know about the entity type being filtered. */
export interface FilterSchema {
  /** `user`, `group`, … — for Graph's "on type 'microsoft.graph.x'" messages. */
  typeName: string;
  /** Canonical name and whether it is a collection, or undefined for an unknown property. */
  property(name: string): { name: string; collection: boolean; boolean: boolean } | undefined;
  /** O(1) look-up for `eq` on indexed properties (id, userPrincipalName, mail); undefined = not indexed. */
  lookup?(property: string, value: string): GraphObject[] | undefined;
}

export interface CompiledFilter {
  test(object: GraphObject): boolean;
  /** A small superset of the matches when the filter pins indexed properties, else null (scan everything). */
  candidates(): GraphObject[] | null;
}

type Scope = Map<string, unknown>;
type Predicate = (object: GraphObject, scope: Scope) => boolean;
type Getter = (object: GraphObject, scope: Scope) => unknown;

/**
 * Compiles a parsed `$filter` once per request into a closure tree, so scanning 100,000 users does no
 * re-parsing and no property-name resolution per row. `advanced` = ConsistencyLevel: eventual was sent:
 * without it Graph refuses `ne`, `not`, `endswith` (Request_UnsupportedQuery).
 */
export function compileFilter(node: FilterNode, schema: FilterSchema, advanced: boolean): CompiledFilter {
  const predicate = compileNode(node, schema, advanced, new Set());
  return {
    test: (object) => predicate(object, new Map()),
    candidates: () => indexedCandidates(node, schema),
  };
}

function compileNode(node: FilterNode, schema: FilterSchema, advanced: boolean, vars: Set<string>): Predicate {
  switch (node.type) {
    case 'and': {
      const [l, r] = [compileNode(node.left, schema, advanced, vars), compileNode(node.right, schema, advanced, vars)];
      return (o, s) => l(o, s) && r(o, s);
    }
    case 'or': {
      const [l, r] = [compileNode(node.left, schema, advanced, vars), compileNode(node.right, schema, advanced, vars)];
      return (o, s) => l(o, s) || r(o, s);
    }
    case 'not': {
      if (!advanced) throw unsupportedQuery();
      const inner = compileNode(node.operand, schema, advanced, vars);
      return (o, s) => !inner(o, s);
    }
    case 'compare': {
      if (node.op === 'ne' && !advanced) throw unsupportedQuery();
      checkOperandTypes(node.op, node.left, node.right, schema, vars);
      const [l, r] = [compileOperand(node.left, schema, vars), compileOperand(node.right, schema, vars)];
      const compare = COMPARATORS[node.op];
      return (o, s) => compare(l(o, s), r(o, s));
    }
    case 'in': {
      const get = compileOperand(node.operand, schema, vars);
      const wanted = new Set(node.values.map((v) => normalize(v.value)));
      return (o, s) => wanted.has(normalize(get(o, s)));
    }
    case 'call': {
      if (node.name === 'contains' || (node.name === 'endswith' && !advanced)) throw unsupportedQuery();
      const [l, r] = [compileOperand(node.args[0], schema, vars), compileOperand(node.args[1], schema, vars)];
      const method = node.name === 'startswith' ? 'startsWith' : 'endsWith';
      return (o, s) => {
        const [a, b] = [l(o, s), r(o, s)];
        return typeof a === 'string' && typeof b === 'string' && a.toLowerCase()[method](b.toLowerCase());
      };
    }
    case 'lambda': {
      const get = compileOperand({ type: 'property', path: node.path }, schema, vars, true);
      if (!node.body || !node.variable) return (o, s) => asArray(get(o, s)).length > 0;
      const variable = node.variable;
      const body = compileNode(node.body, schema, advanced, new Set([...vars, variable]));
      const quantifier = node.quantifier === 'any' ? 'some' : 'every';
      return (o, s) => asArray(get(o, s))[quantifier]((item) => body(o, new Map(s).set(variable, item)));
    }
  }
}

function compileOperand(operand: Operand, schema: FilterSchema, vars: Set<string>, collectionWanted = false): Getter {
  if (operand.type === 'literal') {
    const value = operand.value;
    return () => value;
  }
  const [head, ...rest] = operand.path;
  if (vars.has(head)) return (_o, s) => rest.reduce<unknown>((v, p) => (v as Record<string, unknown> | null)?.[p], s.get(head));
  const property = schema.property(head);
  if (!property) throw odataBadRequest(GraphMessages.noSuchProperty(head, schema.typeName));
  // Graph filters collections only through any()/all(): `businessPhones eq 'x'` is not a query it runs.
  if (property.collection !== collectionWanted && rest.length === 0) throw unsupportedQuery();
  const name = property.name;
  return (o) => rest.reduce<unknown>((v, p) => (v as Record<string, unknown> | null)?.[p], o[name]);
}

/** `accountEnabled eq 'true'` is an OData type error in Graph, not an empty result. */
const OPERATOR_KINDS: Record<string, string> = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };

function checkOperandTypes(op: string, left: Operand, right: Operand, schema: FilterSchema, vars: Set<string>): void {
  const [prop, lit] = left.type === 'property' ? [left, right] : [right, left];
  if (prop.type !== 'property' || lit.type !== 'literal' || lit.kind === 'null' || vars.has(prop.path[0])) return;
  const property = schema.property(prop.path[0]);
  if (!property || prop.path.length > 1) return;
  const isBoolean = lit.kind === 'boolean';
  if (property.boolean !== isBoolean) {
    const [a, b] = property.boolean ? ['Edm.Boolean', edmOf(lit)] : ['Edm.String', edmOf(lit)];
    throw odataBadRequest(`A binary operator with incompatible types was detected. Found operand types '${a}' and '${b}' for operator kind '${OPERATOR_KINDS[op]}'.`);
  }
}

function edmOf(lit: Literal): string {
  return { string: 'Edm.String', number: 'Edm.Int32', boolean: 'Edm.Boolean', null: 'null', guid: 'Edm.Guid', dateTime: 'Edm.DateTimeOffset' }[lit.kind];
}

/** Directory string comparisons are case-insensitive; undefined (property not set) is null. */
function normalize(v: unknown): unknown {
  if (v === undefined) return null;
  return typeof v === 'string' ? v.toLowerCase() : v;
}

function order(a: unknown, b: unknown): number | null {
  const [x, y] = [normalize(a), normalize(b)];
  if (x === null || y === null || typeof x !== typeof y) return null;
  return (x as string | number) < (y as string | number) ? -1 : x === y ? 0 : 1;
}

const COMPARATORS: Record<string, (a: unknown, b: unknown) => boolean> = {
  eq: (a, b) => normalize(a) === normalize(b),
  ne: (a, b) => normalize(a) !== normalize(b),
  gt: (a, b) => (order(a, b) ?? -1) > 0,
  ge: (a, b) => (order(a, b) ?? -1) >= 0,
  lt: (a, b) => (order(a, b) ?? 1) < 0,
  le: (a, b) => (order(a, b) ?? 1) <= 0,
};

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Candidate objects from the indexes: `eq`/`in` on an indexed property, through `or` (union) and `and` (either side). */
function indexedCandidates(node: FilterNode, schema: FilterSchema): GraphObject[] | null {
  if (!schema.lookup) return null;
  switch (node.type) {
    case 'compare': {
      if (node.op !== 'eq') return null;
      const [prop, lit] = node.left.type === 'property' ? [node.left, node.right] : [node.right, node.left];
      if (prop.type !== 'property' || lit.type !== 'literal' || typeof lit.value !== 'string' || prop.path.length > 1) return null;
      const name = schema.property(prop.path[0])?.name;
      return name ? schema.lookup(name, lit.value) ?? null : null;
    }
    case 'in': {
      if (node.operand.type !== 'property' || node.operand.path.length > 1) return null;
      const name = schema.property(node.operand.path[0])?.name;
      if (!name) return null;
      const found: GraphObject[] = [];
      for (const v of node.values) {
        const hits = typeof v.value === 'string' ? schema.lookup(name, v.value) : undefined;
        if (!hits) return null;
        found.push(...hits);
      }
      return [...new Set(found)];
    }
    case 'or': {
      const l = indexedCandidates(node.left, schema);
      const r = l && indexedCandidates(node.right, schema);
      return l && r ? [...new Set([...l, ...r])] : null;
    }
    case 'and':
      return indexedCandidates(node.left, schema) ?? indexedCandidates(node.right, schema);
    default:
      return null;
  }
}
