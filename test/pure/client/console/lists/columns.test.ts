// The Visible Fields model without a browser: what the server stored becomes the columns shown
// (defaults when nothing usable is stored), and the dialog's draft is checked before it is saved.
// Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkDraft,
  COLUMN_IDS,
  columnsFrom,
  DEFAULT_COLUMNS,
  draftFrom,
  setFieldWidth,
  toggleField,
} from '../../../../../client/console/lists/columns.ts';

describe('columnsFrom', () => {
  it('shows every column at its default width when nothing is stored', () => {
    assert.equal(columnsFrom(null), DEFAULT_COLUMNS);
    assert.deepEqual(
      columnsFrom(null).map((c) => c.id),
      [...COLUMN_IDS],
    );
    assert.equal(columnsFrom({ columns: [] }), DEFAULT_COLUMNS);
  });

  it("keeps the person's columns in the seed's order, each once, widths in range", () => {
    const stored = {
      columns: [
        { id: 'agent' as const, width: 700 },
        { id: 'user' as const, width: 222 },
        { id: 'user' as const, width: 99 },
        { id: 'status' as const, width: 10 },
      ],
    };
    assert.deepEqual(columnsFrom(stored), [
      { id: 'status', width: 40 },
      { id: 'user', width: 222 },
      { id: 'agent', width: 600 },
    ]);
  });
});

describe('the dialog draft', () => {
  it('lists all eight columns, hidden ones with their default width', () => {
    const draft = draftFrom([{ id: 'user', width: 222 }]);
    assert.equal(draft.length, 8);
    assert.deepEqual(draft.find((f) => f.id === 'user'), { id: 'user', visible: true, width: '222' });
    assert.deepEqual(draft.find((f) => f.id === 'group'), { id: 'group', visible: false, width: '120' });
  });

  it('saves the shown columns with their widths', () => {
    let draft = draftFrom(DEFAULT_COLUMNS);
    draft = toggleField(draft, 'group', false);
    draft = setFieldWidth(draft, 'user', ' 222 ');
    const checked = checkDraft(draft);
    assert.ok(checked.ok);
    assert.equal(checked.preferences.columns.some((c) => c.id === 'group'), false);
    assert.deepEqual(checked.preferences.columns.find((c) => c.id === 'user'), { id: 'user', width: 222 });
  });

  it('refuses widths out of range or not whole, naming each column, but ignores hidden ones', () => {
    let draft = draftFrom(DEFAULT_COLUMNS);
    draft = setFieldWidth(draft, 'user', '39');
    draft = setFieldWidth(draft, 'idle', '12.5');
    draft = setFieldWidth(draft, 'agent', '');
    draft = setFieldWidth(toggleField(draft, 'group', false), 'group', 'wide');
    const checked = checkDraft(draft);
    assert.ok(!checked.ok);
    assert.deepEqual(Object.keys(checked.errors).sort(), ['agent', 'idle', 'user']);
    assert.equal(checked.summary, '3 widths are out of range.');
  });

  it('needs at least one column', () => {
    const none = COLUMN_IDS.reduce((draft, id) => toggleField(draft, id, false), draftFrom(DEFAULT_COLUMNS));
    const checked = checkDraft(none);
    assert.ok(!checked.ok);
    assert.equal(checked.summary, 'Choose at least one column to show.');
  });
});
