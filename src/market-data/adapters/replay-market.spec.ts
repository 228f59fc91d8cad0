import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors/domain-error';
import { parseReplayCsv, ReplayMarket } from './replay-market';

const CSV = [
  'time,open,high,low,close,volume',
  '2026-01-05T14:30:00Z,10,11,9,10.5,100',
  '2026-01-05T14:31:00Z,10.5,12,10,11.5,200',
  '2026-01-05T14:32:00Z,11.5,11.6,10.9,11,300',
].join('\n');

describe('ReplayMarket', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tw-replay-'));
    writeFileSync(join(dir, 'ABC.csv'), CSV);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plays the warm-up, then one bar per minute, then stays on the last bar', async () => {
    const clock = new ManualClock(new Date('2026-06-01T00:00:00Z'));
    const market = new ReplayMarket(clock, { directory: dir, warmupBars: 1 });
    expect((await market.bars('ABC', 10)).map((bar) => bar.close)).toEqual([10.5]);
    clock.advance(60_000);
    expect((await market.bars('ABC', 10)).map((bar) => bar.close)).toEqual([10.5, 11.5]);
    clock.advance(10 * 60_000);
    expect((await market.bars('ABC', 2)).map((bar) => bar.close)).toEqual([11.5, 11]);
    expect(await market.quote('ABC')).toMatchObject({ symbol: 'ABC', last: 11 });
  });

  it('answers 404 for a symbol without a file', async () => {
    const market = new ReplayMarket(new ManualClock(new Date()), { directory: dir });
    await expect(market.bars('XYZ', 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a file with the wrong header or a bad line, naming the line', () => {
    expect(() => parseReplayCsv('date,o,h,l,c,v\n', 'x.csv')).toThrow('the header must be');
    expect(() => parseReplayCsv(`${CSV}\n2026-01-05T14:33:00Z,1,2,oops,1,1`, 'x.csv')).toThrow(
      'line 5',
    );
  });
});
