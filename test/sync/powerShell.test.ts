import { onPremisesCommand, onPremisesScript, psQuote } from '../../src/sync/powerShell';

describe('psQuote keeps hostile values literal', () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    ['$(Remove-Item C:\\ -Recurse)', "'$(Remove-Item C:\\ -Recurse)'"],
    ['`whoami`', "'`whoami`'"],
    ['a; Stop-Computer', "'a; Stop-Computer'"],
    ['"double"', "'\"double\"'"],
    ['it\u2019s', "'it\u2019\u2019s'"],
    ["''", "''''''"],
  ])('%s → %s', (value, quoted) => {
    expect(psQuote(value)).toBe(quoted);
  });

  it('leaves no way out of the literal: every quote inside is doubled', () => {
    const hostile = "x' ; Remove-ADUser -Identity 'admin' -Confirm:$false ; '";
    const q = psQuote(hostile);
    const inner = q.slice(1, -1);
    expect(inner.replace(/''/g, '')).not.toContain("'");
  });
});

describe('onPremisesCommand', () => {
  it.each([
    [{ property: 'jobTitle', value: 'Head of Data' }, "Set-ADUser -Identity 'fzahra' -Title 'Head of Data'"],
    [{ property: 'department', value: 'R&D' }, "Set-ADUser -Identity 'fzahra' -Department 'R&D'"],
    [{ property: 'officeLocation', value: 'HQ 3rd floor' }, "Set-ADUser -Identity 'fzahra' -Office 'HQ 3rd floor'"],
    [{ property: 'businessPhones', value: '+31 20 555 1234' }, "Set-ADUser -Identity 'fzahra' -OfficePhone '+31 20 555 1234'"],
    [{ property: 'mobilePhone', value: null }, "Set-ADUser -Identity 'fzahra' -Clear mobile"],
    [{ property: 'surname', value: "O'Neill" }, "Set-ADUser -Identity 'fzahra' -Surname 'O''Neill'"],
    [{ property: 'employeeType', value: 'Intern' }, "Set-ADUser -Identity 'fzahra' -Replace @{employeeType='Intern'}"],
    [{ property: 'preferredLanguage', value: 'nl-NL' }, "Set-ADUser -Identity 'fzahra' -Replace @{preferredLanguage='nl-NL'}"],
    [{ property: 'usageLocation', value: 'NL' }, "Set-ADUser -Identity 'fzahra' -Replace @{msExchUsageLocation='NL'}"],
    [{ property: 'country', value: { alpha2: 'NL', name: 'Netherlands', numeric: 528 } }, "Set-ADUser -Identity 'fzahra' -Replace @{c='NL';co='Netherlands';countryCode=528}"],
    [{ property: 'country', value: null }, "Set-ADUser -Identity 'fzahra' -Clear c,co,countryCode"],
    [{ property: 'accountEnabled', value: false }, "Disable-ADAccount -Identity 'fzahra'"],
    [{ property: 'accountEnabled', value: true }, "Enable-ADAccount -Identity 'fzahra'"],
    [{ property: 'manager', value: 'tbaker' }, "Set-ADUser -Identity 'fzahra' -Manager 'tbaker'"],
    [{ property: 'manager', value: null }, "Set-ADUser -Identity 'fzahra' -Clear manager"],
  ] as const)('%j', (change, command) => {
    expect(onPremisesCommand('fzahra', change as never)).toBe(command);
  });

  it('quotes a DN identity with an apostrophe', () => {
    expect(onPremisesCommand("CN=Siobhán O'Brien,OU=Staff,DC=fabrikam,DC=local", { property: 'city', value: 'Cork' }))
      .toBe("Set-ADUser -Identity 'CN=Siobhán O''Brien,OU=Staff,DC=fabrikam,DC=local' -City 'Cork'");
  });

  it('ends the script with a delta sync cycle', () => {
    const script = onPremisesScript('fzahra', [{ property: 'jobTitle', value: 'CTO' }]);
    expect(script.split('\n').at(-1)).toBe('Start-ADSyncSyncCycle -PolicyType Delta');
    expect(script).toContain("Set-ADUser -Identity 'fzahra' -Title 'CTO'");
  });
});
