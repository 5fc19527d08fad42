// Every door, checked: each HTTP route and WebSocket upgrade (matrix.ts) against each kind of
// caller, with the status each must get; the administration's doors are knocked at in
// access-matrix-admin.test.ts, beside this file. The matrix is compared with the app's own route
// table, so a new route that is missing there fails here.
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/app.ts';
import { isAdministration, knockAtDoors, MATRIX } from './matrix.ts';

describe('the access matrix', () => {
  it('covers every route the app has', () => {
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...routes].sort()).toEqual(Object.keys(MATRIX).sort());
  });
});

knockAtDoors('the access matrix: staff, customers and visitors', (route) => !isAdministration(route));
