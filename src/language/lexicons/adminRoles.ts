/**
 * Microsoft Entra's built-in admin roles by the names the admin center shows (in every language) and the short
 * forms admins type. "make Noah a Global Administrator" asks for a role, which the bot does not assign: it must
 * never become a job title. All lexicons share this list; each adds its own generic words ("admin", "beheerder").
 */
export const ADMIN_ROLES: readonly string[] = [
  'global administrator', 'global admin', 'company administrator', 'tenant administrator', 'tenant admin',
  'global reader', 'user administrator', 'user admin', 'helpdesk administrator', 'helpdesk admin',
  'password administrator', 'password admin', 'authentication administrator', 'authentication admin',
  'privileged authentication administrator', 'privileged role administrator', 'privileged role admin',
  'groups administrator', 'groups admin', 'license administrator', 'licence administrator', 'license admin',
  'hybrid identity administrator', 'security administrator', 'security admin', 'security reader', 'security operator',
  'compliance administrator', 'compliance admin', 'exchange administrator', 'exchange admin',
  'exchange recipient administrator', 'sharepoint administrator', 'sharepoint admin', 'teams administrator',
  'teams admin', 'teams communications administrator', 'intune administrator', 'intune admin',
  'billing administrator', 'billing admin', 'application administrator', 'cloud application administrator',
  'application developer', 'conditional access administrator', 'cloud device administrator', 'directory readers',
  'directory writers', 'reports reader', 'service support administrator', 'power platform administrator',
  'dynamics 365 administrator', 'power bi administrator', 'fabric administrator', 'guest inviter',
  'message center reader', 'attribute assignment administrator', 'domain admin', 'domain administrator',
  'enterprise admin', 'super admin',
];
