/** The local Microsoft Graph v1.0 emulator: for `npm run dev` and for tests, never for production paths. */
export { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions, type RestoredState } from './graphEmulator';
export { tenantAsOf, shiftDateTimes } from './tenantAsOf';
export { TenantStateFile, type TenantSource } from './tenantStateFile';
export {
  loadTenantFixture, parseTenantFixture, tenantFixtureSchema, TenantFixtureError,
  type TenantFixture, type TenantFixtureInput, type FixtureUser, type FixtureGroup, type FixtureSku, type FixtureDirectoryRole,
} from './tenantFixture';
export { TenantState, type GraphObject, type PasswordChange } from './tenantState';
export { FaultInjector, type Fault, type FaultSpec, type FaultStatus } from './faults';
export type { LoggedRequest } from './requestLog';
export { GraphMessages } from './graphError';
export { PASSWORD_METHOD_ID } from './routes/userActions';
