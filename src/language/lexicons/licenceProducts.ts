/**
 * Licence products people name without saying "licence" ("assign E5 to Priya", "remove Visio from Kenji").
 * Product names are the same in every language, so all lexicons share this list.
 */
export const LICENCE_PRODUCTS: readonly string[] = [
  'e1', 'e3', 'e5', 'f1', 'f3', 'a1', 'a3', 'a5', 'visio', 'visio plan 1', 'visio plan 2', 'project', 'project plan 1',
  'project plan 3', 'project plan 5', 'power bi', 'power bi pro', 'power bi premium', 'power automate', 'power apps',
  'copilot', 'microsoft 365 copilot', 'microsoft 365', 'office 365', 'm365', 'o365', 'teams premium', 'teams phone',
  'intune', 'ems', 'entra id p1', 'entra id p2', 'business basic', 'business standard', 'business premium',
  'exchange online', 'audio conferencing', 'phone system', 'defender', 'dynamics 365', 'windows 365', 'sharepoint',
];
