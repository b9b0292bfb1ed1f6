import { memoryLogger, redact } from '../src/logger';

describe('the structured logger', () => {
  it('logs an error with its name, message, code and stack (an Error has no enumerable fields)', () => {
    const log = memoryLogger('debug');
    const error = Object.assign(new TypeError('boom'), { code: 'E_BOOM' });
    log.error('turn.failed', { correlationId: 'c1', error, nested: { cause: new Error('inner') } });
    const line = JSON.parse(log.lines[0]);
    expect(line).toMatchObject({ level: 'error', event: 'turn.failed', correlationId: 'c1', error: { name: 'TypeError', message: 'boom', code: 'E_BOOM' }, nested: { cause: { message: 'inner' } } });
    expect(line.error.stack).toContain('TypeError: boom');
  });

  it("keeps an error's own fields (a Graph request-id) and its cause, with secrets redacted", () => {
    const log = memoryLogger('debug');
    const error = Object.assign(new Error('Graph said no', { cause: new Error('socket hang up') }), { requestId: 'r-1', status: 503, token: 'secret' });
    log.error('change.failed', { error });
    expect(JSON.parse(log.lines[0]).error).toMatchObject({ message: 'Graph said no', requestId: 'r-1', status: 503, token: '[redacted]', cause: { message: 'socket hang up' } });
  });

  it('redacts values under secret-looking keys at any depth, and keeps one line per record', () => {
    const log = memoryLogger('debug');
    log.info('x', { password: 'p', body: { passwordProfile: { password: 'q' }, clientSecret: 's', authorization: 'Bearer t' }, note: 'a\r\nb' });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).not.toMatch(/"p"|"q"|"s"|Bearer t|\r|\n/);
    expect(redact({ token: 'x', list: [{ secret: 'y' }] })).toEqual({ token: '[redacted]', list: [{ secret: '[redacted]' }] });
  });

  it('drops records below its level', () => {
    const log = memoryLogger('warn');
    log.info('quiet');
    log.warn('loud');
    expect(log.lines.map((l) => JSON.parse(l).event)).toEqual(['loud']);
  });
});
