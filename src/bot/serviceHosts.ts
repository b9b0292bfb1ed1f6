/**
 * The hosts Teams' Bot Framework connector answers from, per cloud (public, GCC, GCC High, DoD, 21Vianet).
 * The bot sends its replies, with its credentials, to the activity's `serviceUrl`: in production only these
 * hosts (plus any a deployer adds with SERVICE_URL_HOSTS) are accepted, over https.
 */
export const TEAMS_SERVICE_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.onyx.prod.teams.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  'frontend.botapi.msg.infra.teams.microsoftonline.cn',
];

/** Whether a service URL may receive the bot's replies. */
export function isAllowedServiceUrl(serviceUrl: string | undefined, hosts: ReadonlySet<string>): boolean {
  if (!serviceUrl) return false;
  try {
    const url = new URL(serviceUrl);
    return url.protocol === 'https:' && hosts.has(url.hostname.toLowerCase()) && !url.username && !url.password;
  } catch {
    return false;
  }
}
