import { EMPTY_POLICY, parsePolicy } from '../../src/policy/policyFile';

const problems = (text: string): string[] => {
  const r = parsePolicy(text);
  if (r.ok) throw new Error(`expected problems, got a policy with ${[...r.policy.protectedAccounts].join(', ')}`);
  return r.problems;
};
const accounts = (text: string): string[] => {
  const r = parsePolicy(text);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return [...r.policy.protectedAccounts];
};

describe('parsePolicy', () => {
  it('reads protected accounts by sign-in name and object id', () => {
    expect(accounts(JSON.stringify({ protectedAccounts: ['ceo@contoso.com', '0b7c7a5e-1d2f-4e3a-9b8c-7d6e5f4a3b2c'] })))
      .toEqual(['ceo@contoso.com', '0b7c7a5e-1d2f-4e3a-9b8c-7d6e5f4a3b2c']);
  });

  it('lower-cases and trims every entry, so lookups by lower-case id or UPN match', () => {
    const r = parsePolicy('{ "protectedAccounts": ["  CEO@Contoso.COM ", "0B7C7A5E-1D2F-4E3A-9B8C-7D6E5F4A3B2C"] }');
    expect(r.ok && r.policy.protectedAccounts.has('ceo@contoso.com')).toBe(true);
    expect(r.ok && r.policy.protectedAccounts.has('0b7c7a5e-1d2f-4e3a-9b8c-7d6e5f4a3b2c')).toBe(true);
    expect(r.ok && r.policy.protectedAccounts.size).toBe(2);
  });

  it('counts the same account written twice once', () => {
    expect(accounts('{ "protectedAccounts": ["ceo@contoso.com", "CEO@contoso.com"] }')).toEqual(['ceo@contoso.com']);
  });

  it.each([['{}'], ['{ "protectedAccounts": [] }']])('accepts %s as protecting nobody', (text) => {
    expect(parsePolicy(text)).toEqual({ ok: true, policy: EMPTY_POLICY });
  });

  it.each([[''], ['{ protectedAccounts: [] }'], ['{ "protectedAccounts": ["a@b"], }'], ['not json']])('refuses text that is not JSON (%j)', (text) => {
    const list = problems(text);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^not valid JSON: /);
  });

  it('refuses an unknown key, naming it, so a misspelt setting is not silently ignored', () => {
    const list = problems('{ "protectedAcounts": ["ceo@contoso.com"] }');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^\(top level\): /);
    expect(list[0]).toContain('protectedAcounts');
  });

  it.each([['ceo'], ['ceo@'], ['@contoso.com'], ['a@b@c'], ['ceo @contoso.com'], ['0b7c7a5e-1d2f-4e3a-9b8c'], ['']])('refuses %j: neither an object id nor a sign-in name', (value) => {
    expect(problems(JSON.stringify({ protectedAccounts: ['ceo@contoso.com', value] })))
      .toEqual(['protectedAccounts.1: must be an object id or a sign-in name (user@domain)']);
  });

  it('names every bad entry by its place in the file', () => {
    const list = problems(JSON.stringify({ protectedAccounts: ['bad', 'ceo@contoso.com', 'worse', 42] }));
    expect(list.map((p) => p.split(':')[0])).toEqual(['protectedAccounts.0', 'protectedAccounts.2', 'protectedAccounts.3']);
  });

  it.each([
    ['"ceo@contoso.com"', 'protectedAccounts'],
    ['null', 'protectedAccounts'],
  ])('refuses protectedAccounts = %s and says where', (value, path) => {
    const list = problems(`{ "protectedAccounts": ${value} }`);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => p.startsWith(`${path}: `))).toBe(true);
  });

  it.each([['[]'], ['null'], ['"ceo@contoso.com"'], ['42']])('refuses a top level that is not an object (%s)', (text) => {
    const list = problems(text);
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]).toMatch(/^\(top level\): /);
  });
});
