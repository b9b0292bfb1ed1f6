/**
 * Graph's error vocabulary. Every failure the emulator sends is one of these, so a client sees the same
 * `{ error: { code, message, innerError } }` shape (and the same codes and texts) as from Microsoft Graph.
 */

/** A Graph error response in waiting: thrown by handlers, turned into HTTP by the emulator in one place. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** The body Graph sends with every error. */
export function graphErrorBody(code: string, message: string, requestId: string, clientRequestId?: string): unknown {
  // Graph writes the date without milliseconds or zone: "2021-05-27T14:26:47".
  const date = new Date().toISOString().slice(0, 19);
  return {
    error: {
      code,
      message,
      innerError: { date, 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
    },
  };
}

/** Graph's own texts, collected here so routes and tests use one spelling. */
export const GraphMessages = {
  onPremisesMastered:
    'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
  notFound: (id: string) => `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  searchNeedsConsistency:
    "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
  invalidJson:
    'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
  invalidValue: (property: string, resource = 'User') => `Invalid value specified for property '${property}' of resource '${resource}'.`,
  noSuchProperty: (property: string, type: string) => `Could not find a property named '${property}' on type 'microsoft.graph.${type}'.`,
  undeclaredProperty: (property: string) => `Property '${property}' does not exist as a declared property or extension property.`,
  readOnlyProperty: (property: string) => `Property '${property}' is read-only and cannot be set.`,
  wrongType: (edmType: string) => `Cannot convert a primitive value to the expected type '${edmType}'. See the inner exception for more details.`,
  segmentNotFound: (segment: string) => `Resource not found for the segment '${segment}'.`,
  referenceExists: "One or more added object references already exist for the following modified properties: 'members'.",
  referenceMissing: "One or more removed object references do not exist for the following modified properties: 'members'.",
  mailEnabledGroup: 'Cannot Update a mail-enabled security groups and or distribution list.',
  insufficientPrivileges: 'Insufficient privileges to complete the operation.',
  invalidUsageLocation: 'License assignment cannot be done for user with invalid usage location.',
  unknownSku: (skuId: string) => `License ${skuId} does not correspond to a valid company License.`,
  noFreeLicenses: (skuId: string) => `Subscription with SKU ${skuId} does not have any available licenses.`,
  licenseNotAssigned: 'User does not have a corresponding license.',
  passwordComplexity:
    'The specified password does not comply with password complexity requirements. Please provide a different password.',
  upnDomain:
    'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
  upnTaken: 'Another object with the same value for property userPrincipalName already exists.',
  unsupportedQuery: 'Unsupported Query.',
} as const;

/** Shorthands for the errors handlers throw most. */
export const badRequest = (message: string, code = 'Request_BadRequest') => new GraphError(400, code, message);
export const notFound = (id: string) => new GraphError(404, 'Request_ResourceNotFound', GraphMessages.notFound(id));
export const unsupportedQuery = (message: string = GraphMessages.unsupportedQuery) =>
  new GraphError(400, 'Request_UnsupportedQuery', message);
/** OData-layer failures (bad $filter syntax, unknown $select property) carry the plain `BadRequest` code in Graph. */
export const odataBadRequest = (message: string) => new GraphError(400, 'BadRequest', message);
