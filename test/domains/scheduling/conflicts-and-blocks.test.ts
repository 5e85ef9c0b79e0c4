import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ScheduleBlockNotFoundError, ScheduleConflictError, SchedulingInputError } from '../../../domains/scheduling';
import { forEachDatabase } from '../../support/databases';
import { freshFieldServicePerTest, refusal } from './field-service';

forEachDatabase('scheduling: double bookings and schedule blocks', (target) => {
  const fs = freshFieldServicePerTest(target);

  const block = (input: Record<string, unknown> = {}) =>
    fs.run(() => fs.blocks.create({ owner: fs.alice, start: '2026-03-09T12:00', end: '2026-03-09T13:00', timezone: fs.zone, reason: 'Lunch with the vendor', ...input } as any));

  describe('overlaps', () => {
    it("a booking overlapping the technician's appointment is refused naming the clash; nothing written", async () => {
      const first = await fs.booked();
      const err = await refusal(fs.book({ title: 'Printer jam', start: '2026-03-09T09:30', end: '2026-03-09T10:30' }));
      expect(err).to.be.instanceOf(ScheduleConflictError).and.include({ code: 'SCHEDULE_CONFLICT' });
      expect(err.clashes).to.have.length(1);
      expect(err.clashes[0]).to.include({ kind: 'appointment', id: first.id, label: 'Replace UPS batteries' });
      expect(err.message).to.contain(`appointment ${first.id} "Replace UPS batteries" of user ${fs.alice.id}`).and.contain('2026-03-09T09:00:00-04:00 – 2026-03-09T10:00:00-04:00 America/New_York');
      expect(err.message).to.contain('force');
      expect(await fs.kit.db('appointments')).to.have.length(1);
      expect(fs.kit.events.all).to.be.empty;
    });

    it('back-to-back is fine, another technician is fine, and force books over a clash', async () => {
      await fs.booked();
      await fs.book({ start: '2026-03-09T10:00', end: '2026-03-09T11:00' });
      await fs.book({ assignee: fs.bob });
      const forced = await fs.book({ start: '2026-03-09T09:15', end: '2026-03-09T09:45', force: true });
      expect(forced.after.status).to.equal('scheduled');
      expect(await fs.kit.db('appointments')).to.have.length(4);
    });

    it('canceled, completed and no-show appointments no longer hold the time', async () => {
      const a = await fs.booked();
      await fs.run(() => fs.outcomes.complete(a.id));
      await fs.book();
    });

    it('a reschedule or hand-over onto a busy calendar is refused; the appointment never clashes with itself', async () => {
      const a = await fs.booked();
      const b = await fs.booked({ assignee: fs.bob });
      await fs.run(() => fs.appointments.reschedule(a.id, { start: '2026-03-09T09:30' }));
      const err = await refusal(fs.run(() => fs.appointments.assign(b.id, fs.alice)));
      expect(err).to.be.instanceOf(ScheduleConflictError);
      expect(err.clashes.map((c: any) => c.id)).to.deep.equal([a.id]);
      const c = await fs.booked({ start: '2026-03-09T11:00', end: '2026-03-09T12:00' });
      expect(await refusal(fs.run(() => fs.appointments.reschedule(c.id, { start: '2026-03-09T10:00' })))).to.be.instanceOf(ScheduleConflictError);
      expect(fs.kit.events).not.to.have.emitted('APPOINTMENT_ASSIGNED');
    });

    it('blocks of the technician and of the team the visit books are clashes; team visits do not clash with each other', async () => {
      await block();
      const err = await refusal(fs.book({ start: '2026-03-09T12:30', end: '2026-03-09T13:30' }));
      expect(err.clashes[0]).to.include({ kind: 'block', label: 'Lunch with the vendor' });
      const offsite = await fs.run(() => fs.blocks.create({ owner: fs.team, start: '2026-03-10T08:00', end: '2026-03-10T17:00', timezone: fs.zone, reason: 'Team training' }));
      const teamClash = await refusal(fs.book({ assignee: fs.bob, teamId: fs.team.id, start: '2026-03-10T09:00', end: '2026-03-10T10:00' }));
      expect(teamClash.clashes[0]).to.include({ kind: 'block', id: offsite.id });
      await fs.book({ assignee: fs.team, start: '2026-03-11T09:00', end: '2026-03-11T10:00' });
      await fs.book({ assignee: fs.team, start: '2026-03-11T09:00', end: '2026-03-11T10:00' });
    });

    it('two concurrent bookings of one technician for one slot: exactly one is booked', async () => {
      const results = await Promise.allSettled([
        fs.book({ title: 'First caller' }),
        fs.book({ title: 'Second caller', start: '2026-03-09T09:30', end: '2026-03-09T10:30' }),
        fs.book({ title: 'Third caller', start: '2026-03-09T08:30', end: '2026-03-09T09:30' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) expect(r.reason).to.be.instanceOf(ScheduleConflictError);
      expect(await fs.kit.db('appointments')).to.have.length(1);
      expect(fs.kit.events.ofType('APPOINTMENT_CREATED')).to.have.length(1);
    });

    it('a booking and a block racing for one technician: one of them is refused', async () => {
      const results = await Promise.allSettled([fs.book({ start: '2026-03-09T12:00', end: '2026-03-09T13:00' }), block()]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(ScheduleConflictError);
    });
  });

  describe('schedule blocks', () => {
    it('create emits SCHEDULE_BLOCK_CREATED with the owner, the UTC window and its zone', async () => {
      const { kit, alice } = fs;
      const b = await block({ start: '2026-03-27T13:00', end: '2026-03-27T17:00', timezone: 'Europe/Berlin', reason: 'Dentist' });
      expect(kit.events).to.have.emitted('SCHEDULE_BLOCK_CREATED').withPayload({
        tenantId: kit.tenantId,
        scheduleBlockId: b.id,
        ownerId: alice.id,
        ownerType: 'user',
        startAt: '2026-03-27T12:00:00.000Z',
        endAt: '2026-03-27T16:00:00.000Z',
        timezone: 'Europe/Berlin',
        actorUserId: kit.actorUserId,
        createdAt: b.createdAt.toISOString(),
        reason: 'Dentist',
      }).times(1);
      const teamBlock = await fs.run(() => fs.blocks.create({ owner: fs.team, start: '2026-03-30T09:00', end: '2026-03-30T10:00', timezone: 'Europe/Berlin' }));
      expect(kit.events.payloads('SCHEDULE_BLOCK_CREATED')[1]).to.include({ scheduleBlockId: teamBlock.id, ownerType: 'team', startAt: '2026-03-30T07:00:00.000Z' }).and.not.have.property('reason');
    });

    it('a block over scheduled appointments is refused unless forced; bad input names its field', async () => {
      const a = await fs.booked({ start: '2026-03-09T12:30', end: '2026-03-09T13:30' });
      const err = await refusal(block());
      expect(err).to.be.instanceOf(ScheduleConflictError);
      expect(err.clashes[0]).to.include({ kind: 'appointment', id: a.id });
      await block({ force: true });
      expect(await refusal(block({ owner: { id: uuidv4(), type: 'room' } }))).to.be.instanceOf(SchedulingInputError).and.include({ field: 'owner.type' });
      expect(await refusal(block({ start: '2026-03-29T02:30', end: '2026-03-29T04:00', timezone: 'Europe/Berlin' }))).to.include({ field: 'start', code: 'LOCAL_TIME_NONEXISTENT' });
      expect(await fs.kit.db('schedule_blocks')).to.have.length(1);
      expect(fs.kit.events.ofType('SCHEDULE_BLOCK_CREATED')).to.have.length(1);
    });

    it('delete emits SCHEDULE_BLOCK_DELETED once and frees the time; a second delete is not found', async () => {
      const { kit } = fs;
      const b = await block();
      const deleted = await fs.run(() => fs.blocks.delete(b.id, { reason: 'Vendor canceled' }));
      expect(kit.events).to.have.emitted('SCHEDULE_BLOCK_DELETED').withPayload({
        scheduleBlockId: b.id,
        actorUserId: kit.actorUserId,
        deletedAt: deleted.deletedAt.toISOString(),
        reason: 'Vendor canceled',
      }).times(1);
      expect(await refusal(fs.run(() => fs.blocks.delete(b.id)))).to.be.instanceOf(ScheduleBlockNotFoundError);
      await fs.book({ start: '2026-03-09T12:00', end: '2026-03-09T13:00' });
      expect(kit.events.ofType('SCHEDULE_BLOCK_DELETED')).to.have.length(1);
    });

    it('two concurrent deletes of one block emit one event', async () => {
      const b = await block();
      const results = await Promise.allSettled([fs.run(() => fs.blocks.delete(b.id)), fs.run(() => fs.blocks.delete(b.id))]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(fs.kit.events.ofType('SCHEDULE_BLOCK_DELETED')).to.have.length(1);
    });

    it("another tenant cannot see or delete a tenant's block", async () => {
      const b = await block();
      expect(await refusal(fs.run(() => fs.blocks.delete(b.id), { tenantId: uuidv4() }))).to.be.instanceOf(ScheduleBlockNotFoundError);
      expect(await fs.kit.db('schedule_blocks')).to.have.length(1);
    });
  });
});
