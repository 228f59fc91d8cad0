import { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../../test/support/test-database';
import { ChangeDrivenValue, DataChanges } from './data-changes';

describe('DataChanges and ChangeDrivenValue', () => {
  let dataSource: DataSource;
  let computed: number;
  const counting = (changes: DataChanges[]) =>
    new ChangeDrivenValue(changes, async () => ++computed);

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: await createTestDatabase() });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());
  beforeEach(() => (computed = 0));

  it('computes once, and again only after a change or when the key moves', async () => {
    const changes = new DataChanges();
    const value = counting([changes]);
    expect(await value.get('2026-01-05')).toBe(1);
    expect(await value.get('2026-01-05')).toBe(1);
    changes.changed();
    expect(await value.get('2026-01-05')).toBe(2);
    expect(await value.get('2026-01-06')).toBe(3);
    expect(await value.get('2026-01-06')).toBe(3);
  });

  it('does not keep what it read while the changing transaction was open, nor after a rollback', async () => {
    const changes = new DataChanges();
    const value = counting([changes]);
    await value.get();
    await dataSource.transaction(async (manager) => {
      changes.changed(manager);
      expect(changes.version()).toBeUndefined();
      expect(await value.get()).toBe(2);
      expect(await value.get()).toBe(3);
    });
    expect(await value.get()).toBe(4);
    expect(await value.get()).toBe(4);

    await expect(
      dataSource.transaction(async (manager) => {
        changes.changed(manager);
        expect(await value.get()).toBe(5);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(changes.version()).toBeDefined();
    expect(await value.get()).toBe(6);
    expect(await value.get()).toBe(6);
  });

  it('waits for the outer transaction, not a savepoint inside it', async () => {
    const changes = new DataChanges();
    const value = counting([changes]);
    await dataSource.transaction(async (outer) => {
      await outer.transaction(async (inner) => changes.changed(inner));
      expect(changes.version()).toBeUndefined();
    });
    expect(changes.version()).toBeDefined();
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(1);
  });

  it('recomputes when any of several sources changed', async () => {
    const trades = new DataChanges();
    const snapshots = new DataChanges();
    const value = counting([trades, snapshots]);
    await value.get();
    snapshots.changed();
    expect(await value.get()).toBe(2);
    trades.changed();
    expect(await value.get()).toBe(3);
    expect(await value.get()).toBe(3);
  });

  it('expires a value when others may write the data, counted from when it was read', async () => {
    let now = 1000;
    const changes = new DataChanges({ othersWriteWithinMs: 10_000, now: () => now });
    const value = counting([changes]);
    await value.get();
    now += 9_999;
    expect(await value.get()).toBe(1);
    now += 1;
    expect(await value.get()).toBe(2);
    expect(await value.get()).toBe(2);
  });
});
