/**
 * Friendly names of common Microsoft 365 SKUs, by skuPartNumber, as admins say them.
 * A tenant's SKUs that are not listed are shown and matched by their part number.
 */
export const LICENCE_NAMES: Record<string, string> = {
  SPE_E3: 'Microsoft 365 E3',
  SPE_E5: 'Microsoft 365 E5',
  SPE_F1: 'Microsoft 365 F3',
  M365_F1: 'Microsoft 365 F1',
  ENTERPRISEPACK: 'Office 365 E3',
  ENTERPRISEPREMIUM: 'Office 365 E5',
  STANDARDPACK: 'Office 365 E1',
  DESKLESSPACK: 'Office 365 F3',
  O365_BUSINESS_ESSENTIALS: 'Microsoft 365 Business Basic',
  O365_BUSINESS_PREMIUM: 'Microsoft 365 Business Standard',
  SPB: 'Microsoft 365 Business Premium',
  EXCHANGESTANDARD: 'Exchange Online (Plan 1)',
  EXCHANGEENTERPRISE: 'Exchange Online (Plan 2)',
  POWER_BI_PRO: 'Power BI Pro',
  POWER_BI_STANDARD: 'Power BI (free)',
  VISIOCLIENT: 'Visio Plan 2',
  VISIO_PLAN1_DEPT: 'Visio Plan 1',
  PROJECTPREMIUM: 'Project Plan 5',
  PROJECTPROFESSIONAL: 'Project Plan 3',
  EMS: 'Enterprise Mobility + Security E3',
  EMSPREMIUM: 'Enterprise Mobility + Security E5',
  AAD_PREMIUM: 'Microsoft Entra ID P1',
  AAD_PREMIUM_P2: 'Microsoft Entra ID P2',
  TEAMS_EXPLORATORY: 'Microsoft Teams Exploratory',
  FLOW_FREE: 'Power Automate Free',
};

export function licenceName(skuPartNumber: string): string {
  return LICENCE_NAMES[skuPartNumber] ?? skuPartNumber;
}
