// The help-desk items' shared rules: what counts as a phone number (the server refuses the rest
// with invalid_phone, the console's New Call Log checks the same before sending), numbers and
// durations as shown, when a task is overdue, and which ticket entries ever reach the customer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryHeading, formatSeconds, isOverdue, isPhoneNumber, itemNumber, reachesCustomer, TICKET_ENTRY_KINDS } from '../../../../objects/rules/items.ts';

describe('phone numbers', () => {
  it('are digits as people write them, with an optional + and extension', () => {
    for (const ok of ['+1 555 0100', '+44 (20) 7946-0958', '030.1234.5678', '5550100', '+1 555 0100 x12', '555-0100 ext. 7']) {
      assert.equal(isPhoneNumber(ok), true, ok);
    }
  });
  it('refuse words, too few or too many digits, and stray punctuation', () => {
    for (const bad of ['call me maybe', '12', '1234', '+1 2345 6789 0123 4567', '555--- 0100', '++1 555 0100', '555 0100 x', '555 0100 x1234567', '', '   ']) {
      assert.equal(isPhoneNumber(bad), false, bad);
    }
  });
});

describe('items as shown', () => {
  it('number tickets and calls with a #, and durations in minutes and seconds', () => {
    assert.equal(itemNumber(1042), '#1042');
    assert.equal(formatSeconds(45), '45 s');
    assert.equal(formatSeconds(120), '2 min');
    assert.equal(formatSeconds(185), '3 min 5 s');
  });
  it('call a task overdue only while it is open and past its due time', () => {
    assert.equal(isOverdue({ dueAt: 100, doneAt: null }, 100), true);
    assert.equal(isOverdue({ dueAt: 101, doneAt: null }, 100), false);
    assert.equal(isOverdue({ dueAt: 50, doneAt: 60 }, 100), false);
    assert.equal(isOverdue({ dueAt: null, doneAt: null }, 100), false);
  });
});

describe('ticket entries', () => {
  it('reach the customer only as a reply: a note or a resolution stays with staff', () => {
    assert.deepEqual(TICKET_ENTRY_KINDS.filter(reachesCustomer), ['reply']);
  });

  it('say in the thread who wrote them and that staff alone see notes and resolutions', () => {
    const e = { authorName: 'Alice', emailedTo: 'ann@example.test' };
    assert.equal(entryHeading({ ...e, kind: 'reply' }), 'Reply by Alice, emailed to ann@example.test');
    assert.equal(entryHeading({ ...e, kind: 'resolution', emailedTo: null }), 'Resolution by Alice · staff only');
    assert.equal(entryHeading({ ...e, kind: 'note', emailedTo: null }), 'Internal note by Alice · staff only');
  });
});
