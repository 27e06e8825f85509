import { auditEvents } from '@masar/drizzle';
import { withScope } from '@masar/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { addMember, createOrg, createUser, orgWithEveryRole, tokenOf, uniqueEmail } from '../helpers/factories';

let database: TestDatabase;
let deps: ReturnType<typeof testDeps>;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database);
});
afterAll(async () => {
  await database?.destroy();
});

describe('organisations', () => {
  it('creates an org with its creator as owner and lists it in the switcher', async () => {
    const u = await createUser(deps);
    const org = await u.caller.org.create({
      name: 'Cairo Backend Bootcamp',
      slug: 'Cairo-BE',
      kind: 'bootcamp',
      timeZone: 'Africa/Cairo',
    });
    expect(org.slug).toBe('cairo-be');
    expect(await u.caller.org.mine()).toEqual([
      expect.objectContaining({ slug: 'cairo-be', role: 'owner', kind: 'bootcamp' }),
    ]);
    const got = await u.caller.org.get({ orgSlug: 'cairo-be' });
    expect(got).toMatchObject({ name: 'Cairo Backend Bootcamp', role: 'owner', timeZone: 'Africa/Cairo' });
    expect(got.permissions).toContain('members.manage');
  });

  it('refuses a taken or reserved slug, a bad slug and an unknown time zone', async () => {
    const u = await createUser(deps);
    await createOrg(u, { slug: 'alex-community' });
    await expectTrpcError(createOrg(u, { slug: 'alex-community' }), 'CONFLICT', 'errors.slug.taken');
    await expectTrpcError(createOrg(u, { slug: 'new' }), 'CONFLICT', 'errors.slug.taken');
    const bad = await expectTrpcError(createOrg(u, { slug: '-bad slug-' }), 'BAD_REQUEST');
    expect(bad.message).toContain('errors.slug.format');
    const tz = await expectTrpcError(
      u.caller.org.create({ name: 'Zone', slug: 'zone-x', kind: 'company', timeZone: 'Mars/Olympus' }),
      'BAD_REQUEST',
    );
    expect(tz.message).toContain('errors.timeZone.invalid');
    // nothing half-written
    expect((await u.caller.org.mine()).map((o) => o.slug)).toEqual(['alex-community']);
  });

  it('lets admins update settings, audited with the change', async () => {
    const { org, members } = await orgWithEveryRole(deps);
    const updated = await members.admin.caller.org.update({
      orgSlug: org.slug,
      name: 'Renamed',
      timeZone: 'Europe/Berlin',
    });
    expect(updated).toMatchObject({ name: 'Renamed', timeZone: 'Europe/Berlin' });
    const audit = await members.owner.caller.org.audit({ orgSlug: org.slug, page: 1, pageSize: 5 });
    expect(audit.items[0]).toMatchObject({
      action: 'org.updated',
      details: { name: { from: org.name, to: 'Renamed' } },
    });
  });
});

describe('members', () => {
  it('lists members with roles, paginated', async () => {
    const { org, members } = await orgWithEveryRole(deps);
    const page1 = await members.admin.caller.members.list({ orgSlug: org.slug, page: 1, pageSize: 3 });
    expect(page1.total).toBe(5);
    expect(page1.items).toHaveLength(3);
    const page2 = await members.admin.caller.members.list({ orgSlug: org.slug, page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(2);
    const roles = [...page1.items, ...page2.items].map((m) => m.role).sort();
    expect(roles).toEqual(['admin', 'learner', 'mentor', 'owner', 'viewer']);
    await expectTrpcError(
      members.admin.caller.members.list({ orgSlug: org.slug, page: 1, pageSize: 1000 }),
      'BAD_REQUEST',
    );
  });

  it('changes roles: only owners make owners; the last owner stays', async () => {
    const { org, members } = await orgWithEveryRole(deps);
    const s = org.slug;
    await expectTrpcError(
      members.admin.caller.members.changeRole({ orgSlug: s, userId: members.mentor.user.id, role: 'owner' }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      members.admin.caller.members.changeRole({ orgSlug: s, userId: members.owner.user.id, role: 'admin' }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      members.owner.caller.members.changeRole({ orgSlug: s, userId: members.owner.user.id, role: 'admin' }),
      'CONFLICT',
      'errors.member.lastOwner',
    );
    expect(
      await members.admin.caller.members.changeRole({ orgSlug: s, userId: members.learner.user.id, role: 'mentor' }),
    ).toEqual({
      userId: members.learner.user.id,
      role: 'mentor',
    });
    expect((await members.learner.caller.org.get({ orgSlug: s })).role).toBe('mentor');
    // a second owner lets the first step down
    await members.owner.caller.members.changeRole({ orgSlug: s, userId: members.admin.user.id, role: 'owner' });
    await members.owner.caller.members.changeRole({ orgSlug: s, userId: members.owner.user.id, role: 'admin' });
    expect((await members.owner.caller.org.get({ orgSlug: s })).role).toBe('admin');
    const audit = await members.admin.caller.org.audit({ orgSlug: s, page: 1, pageSize: 50 });
    expect(audit.items.filter((e) => e.action === 'member.role_changed')).toHaveLength(3);
  });

  it('removes a member: access ends at once, the last owner cannot leave', async () => {
    const { org, members } = await orgWithEveryRole(deps);
    const s = org.slug;
    await members.admin.caller.members.remove({ orgSlug: s, userId: members.mentor.user.id });
    await expectTrpcError(members.mentor.caller.org.get({ orgSlug: s }), 'NOT_FOUND');
    expect(await members.mentor.caller.org.mine()).toEqual([]);
    await expectTrpcError(members.owner.caller.org.leave({ orgSlug: s }), 'CONFLICT', 'errors.member.lastOwner');
    await members.viewer.caller.org.leave({ orgSlug: s });
    await expectTrpcError(members.viewer.caller.org.get({ orgSlug: s }), 'NOT_FOUND');
    const actions = (await members.owner.caller.org.audit({ orgSlug: s, page: 1, pageSize: 50 })).items.map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['member.removed', 'member.left']));
  });
});

describe('invitations', () => {
  it('invites by email: the outbox holds the link, the token is single-use', async () => {
    const owner = await createUser(deps, { name: 'Owner O' });
    const org = await createOrg(owner);
    const email = uniqueEmail('mentor');
    const inv = await owner.caller.invitations.create({ orgSlug: org.slug, email, role: 'mentor' });
    expect(inv.link).toMatch(/^http:\/\/masar\.test\/invite\/[\w-]{40,}$/);
    const outbox = await owner.caller.invitations.outbox({ orgSlug: org.slug, page: 1, pageSize: 10 });
    expect(outbox.items[0]).toMatchObject({ toEmail: email, link: inv.link, transport: 'outbox' });
    expect(outbox.items[0]!.bodyText).toContain(inv.link);

    const anon = await client(deps);
    expect(await anon.caller.invitations.byToken({ token: tokenOf(inv.link) })).toMatchObject({
      orgName: org.name,
      role: 'mentor',
      email,
      status: 'pending',
    });
    const mentor = await createUser(deps, { email });
    expect(await mentor.caller.invitations.accept({ token: tokenOf(inv.link) })).toMatchObject({
      orgSlug: org.slug,
      role: 'mentor',
    });
    expect((await mentor.caller.org.get({ orgSlug: org.slug })).role).toBe('mentor');
    await expectTrpcError(
      mentor.caller.invitations.accept({ token: tokenOf(inv.link) }),
      'CONFLICT',
      'errors.invitation.accepted',
    );
    const list = await owner.caller.invitations.list({ orgSlug: org.slug, page: 1, pageSize: 10 });
    expect(list.items[0]).toMatchObject({ email, status: 'accepted', invitedByName: 'Owner O' });
  });

  it('refuses a different account, a revoked and an expired invitation', async () => {
    const owner = await createUser(deps);
    const org = await createOrg(owner);
    const email = uniqueEmail('learner');
    const inv = await owner.caller.invitations.create({ orgSlug: org.slug, email, role: 'learner' });
    const stranger = await createUser(deps);
    await expectTrpcError(
      stranger.caller.invitations.accept({ token: tokenOf(inv.link) }),
      'FORBIDDEN',
      'errors.invitation.wrongAccount',
    );

    await owner.caller.invitations.revoke({ orgSlug: org.slug, invitationId: inv.id });
    const invitee = await createUser(deps, { email });
    await expectTrpcError(
      invitee.caller.invitations.accept({ token: tokenOf(inv.link) }),
      'CONFLICT',
      'errors.invitation.revoked',
    );

    const inv2 = await owner.caller.invitations.create({ orgSlug: org.slug, email, role: 'learner' });
    const eightDaysLater = { ...deps, now: () => new Date(Date.now() + 8 * 86_400_000) };
    const late = await client(eightDaysLater, { token: invitee.jar.token });
    await expectTrpcError(
      late.caller.invitations.accept({ token: tokenOf(inv2.link) }),
      'CONFLICT',
      'errors.invitation.expired',
    );
    expect((await late.caller.invitations.byToken({ token: tokenOf(inv2.link) })).status).toBe('expired');
    await expectTrpcError(invitee.caller.org.get({ orgSlug: org.slug }), 'NOT_FOUND');
    await expectTrpcError(
      (await client(deps)).caller.invitations.byToken({ token: 'x'.repeat(43) }),
      'NOT_FOUND',
      'errors.invitation.invalidLink',
    );
  });

  it('a new invitation to the same address replaces the pending one; members cannot be invited', async () => {
    const owner = await createUser(deps);
    const org = await createOrg(owner);
    const email = uniqueEmail('twice');
    const first = await owner.caller.invitations.create({ orgSlug: org.slug, email, role: 'learner' });
    await owner.caller.invitations.create({ orgSlug: org.slug, email: email.toUpperCase(), role: 'mentor' });
    expect((await (await client(deps)).caller.invitations.byToken({ token: tokenOf(first.link) })).status).toBe(
      'revoked',
    );
    await expectTrpcError(
      owner.caller.invitations.create({ orgSlug: org.slug, email: owner.user.email, role: 'admin' }),
      'CONFLICT',
      'errors.invitation.alreadyMember',
    );
  });

  it('admins cannot invite owners', async () => {
    const { org, members } = await orgWithEveryRole(deps);
    await expectTrpcError(
      members.admin.caller.invitations.create({ orgSlug: org.slug, email: uniqueEmail(), role: 'owner' }),
      'FORBIDDEN',
    );
    const ok = await members.owner.caller.invitations.create({
      orgSlug: org.slug,
      email: uniqueEmail(),
      role: 'owner',
    });
    expect(ok.role).toBe('owner');
  });

  it('audits invitations and acceptance', async () => {
    const owner = await createUser(deps);
    const org = await createOrg(owner);
    await addMember(deps, owner, org.slug, 'viewer');
    const actions = (await owner.caller.org.audit({ orgSlug: org.slug, page: 1, pageSize: 10 })).items.map(
      (e) => e.action,
    );
    expect(actions).toEqual(['invitation.accepted', 'invitation.created', 'org.created']);
  });
});

describe('audit log', () => {
  it('is append-only, even for the database owner', async () => {
    const owner = await createUser(deps);
    const org = await createOrg(owner);
    const orgId = (await owner.caller.org.get({ orgSlug: org.slug })).id;
    const appendOnly = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));
    await expect(
      withScope(database, { orgId }, (tx) => tx.execute(sql`update ${auditEvents} set action = 'forged'`)),
    ).rejects.toSatisfy(appendOnly);
    await expect(withScope(database, { orgId }, (tx) => tx.delete(auditEvents))).rejects.toSatisfy(appendOnly);
    const page = await owner.caller.org.audit({ orgSlug: org.slug, page: 1, pageSize: 10 });
    expect(page.items.map((e) => e.action)).toEqual(['org.created']);
  });

  it('pages newest first', async () => {
    const owner = await createUser(deps);
    const org = await createOrg(owner);
    for (let i = 0; i < 4; i++)
      await owner.caller.invitations.create({ orgSlug: org.slug, email: uniqueEmail(`a${i}`), role: 'learner' });
    const p1 = await owner.caller.org.audit({ orgSlug: org.slug, page: 1, pageSize: 2 });
    const p3 = await owner.caller.org.audit({ orgSlug: org.slug, page: 3, pageSize: 2 });
    expect(p1.total).toBe(5);
    expect(p1.items[0]!.action).toBe('invitation.created');
    expect(p3.items.map((e) => e.action)).toEqual(['org.created']);
  });
});
