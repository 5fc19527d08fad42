// The one template language of canned replies and manual events: the same variables in both, a
// brace that belongs to no variable refused, and a custom field named like an Object method
// filled as a field. Runs under Node (tsx --test) and Deno (deno test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBody, fill } from '../../../../objects/rules/canned.ts';
import { fillTemplate, templateProblem } from '../../../../objects/rules/manual-events.ts';
import { checkTemplate, type TemplateValues } from '../../../../objects/rules/templates.ts';

const values: TemplateValues = {
  customer: { name: 'Rita Customer', email: 'rita@example.test' },
  agent: { name: 'Alice Agent' },
  group: { name: 'Support' },
  chat: { id: 'c42' },
  fields: {},
};

describe('templates', () => {
  it('mean the same in a canned reply and in a manual event', () => {
    const text = '{{agent.first_name}} on chat {{chat.id}} for {{customer.first_name|you}}';
    assert.deepEqual(checkBody(text, []), { ok: true });
    assert.equal(templateProblem(text, []), null);
    assert.equal(fill(text, values), fillTemplate(text, values));
    assert.equal(fill(text, values), 'Alice on chat c42 for Rita');
  });

  it('refuse a brace that belongs to no variable, saying what a variable is', () => {
    for (const text of ['Hi {{customer.name', 'Done }} here', '{{customer.name|a}b}}']) {
      const checked = checkTemplate(text, []);
      assert.equal(checked.ok, false, text);
      assert.match(checked.ok ? '' : checked.message, /is not part of a variable/, text);
      assert.notEqual(templateProblem(text, []), null, text);
    }
  });

  it('fill a custom field named like an Object method as a field: empty, so its fallback', () => {
    assert.equal(fill('{{field.constructor|none}} / {{field.tostring}}', values), 'none / ');
    assert.equal(fill('{{field.constructor}}', { ...values, fields: { constructor: 'blue' } }), 'blue');
  });
});
