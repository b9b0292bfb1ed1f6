import { adGroupMemberCommand, adPasswordResetCommands, exchangeGroupMemberCommand, onPremisesCommand, onPremisesScript, psQuote } from '../../src/sync/powerShell';

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

/** The single-quoted literals of a command, in order; throws when a quote is left unbalanced. */
function literals(command: string): string[] {
  const out: string[] = [];
  const quote = /['\u2018\u2019\u201a\u201b]/;
  let i = 0;
  while (i < command.length) {
    if (!quote.test(command[i])) {
      i++;
      continue;
    }
    let value = '';
    i++;
    for (;;) {
      if (i >= command.length) throw new Error(`unterminated literal in ${command}`);
      if (quote.test(command[i])) {
        if (i + 1 < command.length && quote.test(command[i + 1])) {
          value += command[i];
          i += 2;
          continue;
        }
        i++;
        break;
      }
      value += command[i++];
    }
    out.push(value);
  }
  return out;
}

const HOSTILE = [
  "O'Brien",
  'it\u2019s \u2018quoted\u2019',
  "x'; Remove-ADUser -Identity 'admin' -Confirm:$false; '",
  '$(Stop-Computer -Force)',
  '`whoami`; $env:USERNAME',
  'a; b | c & d',
  "\u201a\u201b'\u2019",
];

describe('group and password commands keep hostile values literal', () => {
  it.each(HOSTILE)('adGroupMemberCommand with %j', (value) => {
    const add = adGroupMemberCommand(value, `${value}-member`, true);
    expect(add.startsWith('Add-ADGroupMember -Identity ')).toBe(true);
    expect(literals(add)).toEqual([value, `${value}-member`]);
    expect(add).toBe(`Add-ADGroupMember -Identity ${psQuote(value)} -Members ${psQuote(`${value}-member`)}`);

    const remove = adGroupMemberCommand(value, 'fzahra', false);
    expect(remove).toBe(`Remove-ADGroupMember -Identity ${psQuote(value)} -Members 'fzahra' -Confirm:$false`);
    expect(literals(remove)).toEqual([value, 'fzahra']);
  });

  it.each(HOSTILE)('exchangeGroupMemberCommand with %j', (value) => {
    const add = exchangeGroupMemberCommand(value, `${value}@fabrikam.com`, true);
    expect(add).toBe(`Add-DistributionGroupMember -Identity ${psQuote(value)} -Member ${psQuote(`${value}@fabrikam.com`)}`);
    expect(literals(add)).toEqual([value, `${value}@fabrikam.com`]);

    const remove = exchangeGroupMemberCommand('sales@fabrikam.com', value, false);
    expect(remove).toBe(`Remove-DistributionGroupMember -Identity 'sales@fabrikam.com' -Member ${psQuote(value)} -Confirm:$false`);
    expect(literals(remove)).toEqual(['sales@fabrikam.com', value]);
  });

  it.each(HOSTILE)('adPasswordResetCommands with %j', (value) => {
    const [reset, atLogon, ...rest] = adPasswordResetCommands(value);
    expect(rest).toEqual([]);
    expect(reset).toBe(`Set-ADAccountPassword -Identity ${psQuote(value)} -Reset -NewPassword (Read-Host -AsSecureString -Prompt 'Temporary password')`);
    expect(literals(reset)).toEqual([value, 'Temporary password']);
    expect(atLogon).toBe(`Set-ADUser -Identity ${psQuote(value)} -ChangePasswordAtLogon $true`);
    expect(literals(atLogon)).toEqual([value]);
  });

  it('spells out the quoting of a plain apostrophe and a typographic one', () => {
    expect(adGroupMemberCommand("Sales'; Remove-ADGroup 'Domain Admins", 'o\u2019brien', true))
      .toBe("Add-ADGroupMember -Identity 'Sales''; Remove-ADGroup ''Domain Admins' -Members 'o\u2019\u2019brien'");
    expect(exchangeGroupMemberCommand("dl'x@fabrikam.com", "$(iex 'evil')@x", false))
      .toBe("Remove-DistributionGroupMember -Identity 'dl''x@fabrikam.com' -Member '$(iex ''evil'')@x' -Confirm:$false");
    expect(adPasswordResetCommands("CN=O'Brien\\, Sean,OU=Staff,DC=fabrikam,DC=local")[1])
      .toBe("Set-ADUser -Identity 'CN=O''Brien\\, Sean,OU=Staff,DC=fabrikam,DC=local' -ChangePasswordAtLogon $true");
  });

  it('never carries a password: the reset prompts for it as a secure string', () => {
    const text = adPasswordResetCommands('fzahra').join('\n');
    expect(text).toContain('Read-Host -AsSecureString');
    expect(text).toContain('-ChangePasswordAtLogon $true');
    expect(text).not.toMatch(/AsPlainText|ConvertTo-SecureString/);
  });
});
