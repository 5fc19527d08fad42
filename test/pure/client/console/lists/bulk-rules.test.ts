// What the list shows of a bulk action: the rows it marks, and when Delete is offered (Node and Deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayDelete, rowMarks } from '../../../../../client/console/lists/bulk-rules.ts';

describe('bulk results on the list', () => {
  it('marks each row a report names, done or refused with its reason, and none for a request refused whole', () => {
    const lines = [
      { chatId: 'a', ok: true, message: 'Taken.' },
      { chatId: 'b', ok: false, message: 'Not waiting in a queue.' },
    ];
    const marks = rowMarks({ lines, error: null });
    assert.deepEqual([...marks], [
      ['a', { ok: true, message: 'Taken.' }],
      ['b', { ok: false, message: 'Not waiting in a queue.' }],
    ]);
    assert.equal(rowMarks({ lines, error: 'Only completed chats can be deleted.' }).size, 0);
    assert.equal(rowMarks(null).size, 0);
  });

  it('offers Delete only when every selected chat is completed', () => {
    assert.equal(mayDelete([]), false);
    assert.equal(mayDelete([{ status: 'ended' }, { status: 'ended' }]), true);
    assert.equal(mayDelete([{ status: 'ended' }, { status: 'active' }]), false);
    assert.equal(mayDelete([{ status: 'queued' }]), false);
  });
});
