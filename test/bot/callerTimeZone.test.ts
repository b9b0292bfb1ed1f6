import type { Activity } from 'botbuilder';
import { callerFromActivity, timeZoneOf } from '../../src/bot/callerFromActivity';

const base = {
  type: 'message', from: { id: '29:u', aadObjectId: 'u1' }, conversation: { id: 'c1', conversationType: 'personal' },
  channelData: { tenant: { id: 't1' } }, recipient: { id: '28:bot' }, channelId: 'msteams', serviceUrl: 'http://x',
} as unknown as Activity;

describe('the caller\'s time zone from the activity', () => {
  it.each([
    [{ localTimezone: 'Europe/Amsterdam' }, 'Europe/Amsterdam'],
    // Teams also names it in the clientInfo entity; localTimezone wins when both are there.
    [{ entities: [{ type: 'clientInfo', timezone: 'Asia/Tokyo' }] }, 'Asia/Tokyo'],
    [{ localTimezone: 'America/New_York', entities: [{ type: 'clientInfo', timezone: 'Asia/Tokyo' }] }, 'America/New_York'],
    [{ localTimezone: 'europe/amsterdam' }, 'Europe/Amsterdam'],
    [{ localTimezone: 'Not/AZone' }, undefined],
    [{ localTimezone: 'Not/AZone', entities: [{ type: 'clientInfo', timezone: 'Europe/Brussels' }] }, 'Europe/Brussels'],
    [{ localTimezone: '+01:00' }, undefined],
    [{ localTimezone: 'x'.repeat(200) }, undefined],
    [{ localTimezone: 42 }, undefined],
    [{}, undefined],
  ])('%j → %s', (extra, zone) => {
    const activity = { ...base, ...extra } as unknown as Activity;
    expect(timeZoneOf(activity)).toBe(zone);
    expect(callerFromActivity(activity)?.timeZone).toBe(zone);
  });

  it('answers the same for a zone it has seen (the runtime is asked once per text), a known and an unknown one alike', () => {
    for (let i = 0; i < 3; i++) {
      expect(timeZoneOf({ localTimezone: 'asia/tokyo' } as unknown as Activity)).toBe('Asia/Tokyo');
      expect(timeZoneOf({ localTimezone: 'Not/AZone', entities: [{ type: 'clientInfo', timezone: 'Europe/Brussels' }] } as unknown as Activity)).toBe('Europe/Brussels');
    }
    // Many texts a client made up do not crowd out or change what is known.
    for (let i = 0; i < 1_500; i++) expect(timeZoneOf({ localTimezone: `Made/Up${i}` } as unknown as Activity)).toBeUndefined();
    expect(timeZoneOf({ localTimezone: 'Europe/Amsterdam' } as unknown as Activity)).toBe('Europe/Amsterdam');
  });
});
