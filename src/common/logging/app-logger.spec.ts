import { Logger } from '@nestjs/common';
import pino from 'pino';
import { Writable } from 'node:stream';
import { AppLogger } from './app-logger';

/** An AppLogger on a pino logger whose lines land in `lines`, and Nest's Logger statics on it. */
function capture(level: pino.Level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const root = pino(
    { level, redact: { paths: ['headers.authorization'], censor: '[redacted]' } },
    stream,
  );
  Logger.overrideLogger(new AppLogger(root));
  return { lines, logger: new Logger('Ctx') };
}

describe('AppLogger (Nest LoggerService on pino)', () => {
  afterEach(() => Logger.overrideLogger(true));

  it('writes a message with its context at the matching pino level', () => {
    const { lines, logger } = capture();
    logger.log('hello');
    logger.warn('careful');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Ctx', msg: 'hello' }),
      expect.objectContaining({ level: 40, context: 'Ctx', msg: 'careful' }),
    ]);
  });

  it('takes fields first and the message second, with errors serialized under err', () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error('boom'), path: '/x' }, 'failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, context: 'Ctx', path: '/x', msg: 'failed' });
    expect(lines[0].err).toMatchObject({ type: 'Error', message: 'boom' });
  });

  it("keeps the stack of Nest's own error(message, stack) calls", () => {
    const { lines, logger } = capture();
    logger.error('it broke', 'Error: it broke\n    at somewhere (file.js:1:1)');
    expect(lines[0]).toMatchObject({ level: 50, context: 'Ctx', err: { message: 'it broke' } });
    expect((lines[0].err as { stack: string }).stack).toContain('at somewhere');
  });

  it('redacts, and writes nothing below its level', () => {
    const { lines, logger } = capture('warn');
    logger.log('not at warn');
    logger.debug('nor this');
    logger.warn({ headers: { authorization: 'Bearer s3cr3t' } }, 'with headers');
    expect(lines).toEqual([expect.objectContaining({ msg: 'with headers' })]);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });
});
