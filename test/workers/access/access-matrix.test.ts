// Every door, checked: each HTTP route and WebSocket upgrade (matrix.ts) against each kind of
// caller, with the status each must get. This file knocks at the doorstep (signing in, the staff
// member's own settings, what customers and visitors reach); the chats', the help-desk items' and
// the administration's doors are knocked at in the access-matrix-*.test.ts files beside it. The
// matrix is compared with the app's own route table, so a new route that is missing there fails
// here.
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/app.ts';
import { knockAtDoors, MATRIX } from './matrix.ts';

describe('the access matrix', () => {
  it('covers every route the app has', () => {
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...routes].sort()).toEqual(Object.keys(MATRIX).sort());
  });
});

knockAtDoors('the access matrix: the doorstep (sign-in, own settings, customers and visitors)', 'doorstep');
