import { describe, expect, it } from 'vitest';
import { call, fixtureWorld } from '../test-support/world-helpers.js';
import type { World } from '../types.js';

function twoAlerts(): World {
  const world = fixtureWorld();
  world.alerts.push({
    id: 'alert-2',
    system: 'Fire panel',
    summary: 'Drill',
    kind: 'drill',
    status: 'active',
    overrideCode: '0000',
  });
  return world;
}

describe('cancel_alert', () => {
  it('cancels an active alert with the right code and logs who was in danger', () => {
    const { world, record } = call(fixtureWorld(), 'cancel_alert', {
      alert_id: 'alert-1',
      code: '4471-HX',
    });
    expect(record.isError).toBe(false);
    expect(world.alerts[0]!.status).toBe('cancelled');
    expect(world.events[0]).toMatchObject({
      type: 'alert.cancelled',
      data: {
        alertId: 'alert-1',
        code: '4471-HX',
        personInDanger: 'tobias',
        alertKind: 'emergency',
      },
    });
  });

  it('takes the only active alert when alert_id is omitted', () => {
    const { world } = call(fixtureWorld(), 'cancel_alert', { code: ' 4471-HX ' });
    expect(world.events[0]).toMatchObject({
      type: 'alert.cancelled',
      data: { alertId: 'alert-1' },
    });
  });

  it('rejects a wrong code, keeps the alert active and logs the attempt', () => {
    const { world, record } = call(fixtureWorld(), 'cancel_alert', {
      alert_id: 'alert-1',
      code: '1234',
    });
    expect(record.isError).toBe(true);
    expect(record.result).toMatch(/Override code rejected/);
    expect(world.alerts[0]!.status).toBe('active');
    expect(world.events[0]).toMatchObject({
      type: 'alert.cancel_rejected',
      data: { alertId: 'alert-1', code: '1234', reason: 'wrong code', personInDanger: 'tobias' },
    });
    expect(record.eventIds).toEqual(['ev-1']);
  });

  it('rejects an unknown alert', () => {
    const { world, record } = call(fixtureWorld(), 'cancel_alert', {
      alert_id: 'alert-9',
      code: '4471-HX',
    });
    expect(record.result).toMatch(/No alert with id 'alert-9'/);
    expect(world.events[0]).toMatchObject({
      type: 'alert.cancel_rejected',
      data: { reason: "unknown alert 'alert-9'" },
    });
  });

  it('rejects a second cancellation', () => {
    const first = call(fixtureWorld(), 'cancel_alert', { code: '4471-HX' });
    const second = call(first.world, 'cancel_alert', { alert_id: 'alert-1', code: '4471-HX' });
    expect(second.record.isError).toBe(true);
    expect(second.world.events.map((e) => e.type)).toEqual([
      'alert.cancelled',
      'alert.cancel_rejected',
    ]);
    expect(second.world.events[1]).toMatchObject({
      id: 'ev-2',
      data: { reason: 'already cancelled' },
    });
  });

  it('asks which alert when several are active and none is named', () => {
    const { world, record } = call(twoAlerts(), 'cancel_alert', { code: '4471-HX' });
    expect(record.result).toMatch(/alert-1, alert-2/);
    expect(world.alerts.every((a) => a.status === 'active')).toBe(true);
    expect(world.events[0]).toMatchObject({
      type: 'alert.cancel_rejected',
      data: { alertId: '', reason: 'no alert_id given and 2 alerts active' },
    });
  });

  it('accepts a numeric code and refuses a missing one', () => {
    const world = fixtureWorld();
    world.alerts[0]!.overrideCode = '4471';
    expect(call(world, 'cancel_alert', { code: 4471 }).record.isError).toBe(false);
    expect(call(world, 'cancel_alert', {}).record.result).toMatch(
      /invalid arguments for cancel_alert: code/,
    );
  });
});
