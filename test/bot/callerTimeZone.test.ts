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
});
