// Visible Fields, the pop-out choice and notifications are kept per person (a change names only
// what it changes); idle thresholds are the administrator's to set.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, seedWorld, signInAs } from '../helpers.ts';

const put = (path: string, cookie: string, body: unknown) => api(path, { method: 'PUT', headers: { Cookie: cookie }, body: JSON.stringify(body) });

describe('preferences', () => {
  it('keep each person’s columns and widths, and refuse nonsense', async () => {
    const world = await seedWorld();
    const [alice, bob] = await Promise.all([signInAs(world.alice), signInAs(world.bob)]);
    const columns = [
      { id: 'user', width: 180 },
      { id: 'idle', width: 90 },
    ];
    expect((await put('/api/me/preferences', alice, { columns })).status).toBe(200);
    expect(await (await api('/api/me/preferences', { headers: { Cookie: alice } })).json()).toEqual({ preferences: { columns } });
    expect(await (await api('/api/me/preferences', { headers: { Cookie: bob } })).json()).toEqual({ preferences: {} });
    for (const bad of [
      { columns: [{ id: 'shoe size', width: 100 }] },
      { columns: [{ id: 'user', width: 5 }] },
      { columns: [{ id: 'user', width: 100 }, { id: 'user', width: 120 }] },
      { cols: [] },
      {},
      { popoutNewChats: 'yes' },
      { notifications: { newChat: { sound: true, desktop: false, inPage: true } } },
    ]) {
      expect((await put('/api/me/preferences', alice, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await (await api('/api/me/preferences', { headers: { Cookie: alice } })).json()).toEqual({ preferences: { columns } });
  });

  it('keep the pop-out choice and notifications beside the columns, each section changed alone', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const on = { sound: true, desktop: true, inPage: true };
    const off = { sound: false, desktop: false, inPage: false };
    const notifications = { newChat: off, transferredToMe: on, takenFromMe: off, followUpDue: on, taskDue: on };
    const columns = [{ id: 'user', width: 200 }];
    await put('/api/me/preferences', alice, { columns });
    expect((await put('/api/me/preferences', alice, { popoutNewChats: true, notifications })).status).toBe(200);
    expect(await (await api('/api/me/preferences', { headers: { Cookie: alice } })).json()).toEqual({
      preferences: { columns, popoutNewChats: true, notifications },
    });
  });
});

describe('the split between list and chat', () => {
  it('is kept per person, whole percent between 20 and 80, beside the other sections', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const columns = [{ id: 'user', width: 200 }];
    await put('/api/me/preferences', alice, { columns });
    expect((await put('/api/me/preferences', alice, { listShare: 63 })).status).toBe(200);
    for (const bad of [{ listShare: 19 }, { listShare: 81 }, { listShare: 50.5 }, { listShare: '50' }]) {
      expect((await put('/api/me/preferences', alice, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await (await api('/api/me/preferences', { headers: { Cookie: alice } })).json()).toEqual({ preferences: { columns, listShare: 63 } });
    // null: back to the layout's own.
    expect((await put('/api/me/preferences', alice, { listShare: null })).status).toBe(200);
    expect(await (await api('/api/me/preferences', { headers: { Cookie: alice } })).json()).toEqual({ preferences: { columns, listShare: null } });
  });
});

describe('preferences saved before an event was added', () => {
  it('still stand, and the new event takes its default', async () => {
    const world = await seedWorld();
    const alice = await signInAs(world.alice);
    const off = { sound: false, desktop: false, inPage: false };
    // Saved by a console that knew four events (before tasks fell due).
    const saved = { popoutNewChats: false, notifications: { newChat: off, transferredToMe: off, takenFromMe: off, followUpDue: off } };
    await env.DB.prepare('UPDATE agents SET preferences = ? WHERE id = ?').bind(JSON.stringify(saved), world.alice.id).run();
    expect(await (await api('/api/me/preferences', { headers: { Cookie: alice } })).json()).toEqual({ preferences: saved });
    // And such a console can still save them.
    expect((await put('/api/me/preferences', alice, { notifications: saved.notifications })).status).toBe(200);
  });
});

describe('idle settings', () => {
  it('are validated: the high threshold is never below the warning', async () => {
    const world = await seedWorld();
    const adam = await signInAs(world.adam);
    const res = await put('/api/admin/settings', adam, { idleWarningSeconds: 300, idleHighSeconds: 60 });
    expect(res.status).toBe(400);
    expect((await put('/api/admin/settings', adam, { idleWarningSeconds: 0, idleHighSeconds: 60 })).status).toBe(400);
    const got = (await (await api('/api/admin/settings', { headers: { Cookie: adam } })).json()) as { settings: { idleWarningSeconds: number } };
    expect(got.settings.idleWarningSeconds).toBeGreaterThan(0);
  });
});
