// The rules of manual events: what an administrator may save (names, groups, the action list and
// each action's fields), templates' variables refused at save and filled at run, where a webhook
// may go, its signature (checked against a fixed vector) and its retry schedule.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  backoffSeconds,
  checkManualEvent,
  fillTemplate,
  MAX_ACTIONS,
  MAX_EVENT_NAME,
  ManualEventSchema,
  templateProblem,
  verifyWebhook,
  WEBHOOK_BACKOFF_SECONDS,
  WEBHOOK_MAX_ATTEMPTS,
  webhookSignature,
  webhookUrlProblem,
  type ManualAction,
  type TemplateValues,
} from '../../../../objects/rules/manual-events.ts';
import { DEMO_GROUPS, DEMO_MANUAL_EVENTS } from '../../../../scripts/seed.ts';

const FIELDS = ['order', 'plan'];
const comment: ManualAction = { type: 'add-comment', kind: 'general', text: 'Escalated by {{agent.name}}' };
const event = (actions: ManualAction[], name = 'Escalate to billing', groupIds = ['g1']) => checkManualEvent({ name, groupIds, actions }, FIELDS);

describe('saving a manual event', () => {
  it('keeps a valid one, its name trimmed and its groups once each', () => {
    const actions: ManualAction[] = [
      comment,
      { type: 'set-field', key: 'plan', value: 'priority' },
      { type: 'transfer', to: { kind: 'group', groupId: 'billing' } },
      { type: 'follow-up', inMinutes: 60, comment: 'Call {{customer.first_name|them}} back' },
      { type: 'end-chat' },
      { type: 'send-email', to: 'customer', subject: 'About order {{field.order}}', body: 'Hello {{customer.name}}' },
      { type: 'webhook', url: 'https://crm.example.test/hooks/switchboard' },
    ];
    const checked = event(actions, '  Escalate to billing ', ['g1', 'g2', 'g1']);
    assert.deepEqual(checked, { ok: true, event: { name: 'Escalate to billing', groupIds: ['g1', 'g2'], actions } });
  });

  it('refuses an empty name, a long one, no group, no actions and too many', () => {
    const code = (c: ReturnType<typeof event>) => (c.ok ? 'ok' : `${c.code}:${c.field}`);
    assert.equal(code(event([comment], '   ')), 'invalid_body:name');
    assert.equal(code(event([comment], 'x'.repeat(MAX_EVENT_NAME + 1))), 'invalid_body:name');
    assert.equal(code(event([comment], 'Ok', [])), 'invalid_body:groupIds');
    assert.equal(code(event([])), 'invalid_action:actions');
    assert.equal(code(event(Array.from({ length: MAX_ACTIONS + 1 }, () => comment))), 'invalid_action:actions');
    assert.equal(code(event(Array.from({ length: MAX_ACTIONS }, () => comment))), 'ok');
  });

  it('names the action at fault and why', () => {
    const refused = event([comment, { type: 'send-email', to: 'not an address', subject: 'S', body: 'B' }]);
    assert.deepEqual(refused, {
      ok: false,
      code: 'invalid_action',
      message: 'Action 2 (send an email): send it to "customer" or to one email address.',
      field: 'actions.1.to',
    });
    const noField = event([{ type: 'set-field', key: 'colour', value: 'red' }]);
    assert.equal(noField.ok ? '' : `${noField.code} ${noField.message}`, 'invalid_field Action 1 (set a custom field): no custom field "colour" is defined.');
    const blank = event([{ type: 'add-comment', kind: 'sticky', text: '  ' }]);
    assert.equal(blank.ok ? '' : blank.field, 'actions.0.text');
  });

  it('refuses an unknown variable in any template, naming it', () => {
    const refused = event([{ type: 'send-email', to: 'billing@example.test', subject: 'Hi {{customer.nickname}}', body: 'B' }]);
    assert.equal(refused.ok ? '' : refused.code, 'unknown_variable');
    assert.equal(refused.ok ? '' : refused.field, 'actions.0.subject');
    assert.match(refused.ok ? '' : refused.message, /Unknown variable: \{\{customer\.nickname\}\}/);
    const field = event([{ type: 'add-comment', kind: 'general', text: 'Order {{field.colour}}' }]);
    assert.match(field.ok ? '' : field.message, /Unknown variable: \{\{field\.colour\}\}.*the custom fields defined are/);
  });

  it('checks the shape first: a Follow-Up comment kind, a fractional or zero follow-up, an unknown action', () => {
    const shape = (actions: unknown[]) => ManualEventSchema.safeParse({ name: 'E', groupIds: ['g'], actions }).success;
    assert.equal(shape([{ type: 'add-comment', kind: 'general', text: 'x' }]), true);
    assert.equal(shape([{ type: 'add-comment', kind: 'follow-up', text: 'x' }]), false);
    assert.equal(shape([{ type: 'follow-up', inMinutes: 1.5 }]), false);
    assert.equal(shape([{ type: 'follow-up', inMinutes: 0 }]), false);
    assert.equal(shape([{ type: 'launch-rocket' }]), false);
    const parsed = ManualEventSchema.safeParse({ name: 'E', groupIds: ['g'], actions: [{ type: 'follow-up', inMinutes: 30 }] });
    assert.deepEqual(parsed.success ? parsed.data.actions : null, [{ type: 'follow-up', inMinutes: 30, comment: '' }]);
  });
});

describe('templates', () => {
  it('accept the known variables, fallbacks and custom fields; refuse stray braces', () => {
    assert.equal(templateProblem('Hi {{ customer.first_name | there }}, {{chat.id}} {{group.name}} {{field.order}}', FIELDS), null);
    assert.match(templateProblem('Hi {{customer.name', FIELDS) ?? '', /not part of a variable/);
    assert.match(templateProblem('{{}}', FIELDS) ?? '', /Unknown variable: \{\{\}\}/);
  });

  it('are filled with the chat’s values, a fallback where a value is empty', () => {
    const values: TemplateValues = {
      customer: { name: 'Vera Visitor', email: 'vera@example.test' },
      agent: { name: 'Alice' },
      group: { name: 'Billing' },
      chat: { id: 'c42' },
      fields: { order: '1234' },
    };
    const text = 'Dear {{customer.first_name}} ({{customer.email}}): {{agent.name}} of {{group.name}}, chat {{chat.id}}, order {{field.order}}, plan {{field.plan|none}}.';
    assert.equal(fillTemplate(text, values), 'Dear Vera (vera@example.test): Alice of Billing, chat c42, order 1234, plan none.');
    assert.equal(fillTemplate('Hi {{customer.first_name|there}}!', { ...values, customer: { name: '', email: '' } }), 'Hi there!');
  });
});

describe('webhook addresses', () => {
  it('are https, or plain http to this machine only', () => {
    for (const ok of ['https://crm.example.test/hook', 'http://127.0.0.1:8788/hook', 'http://localhost/hook', 'http://[::1]:9000/']) {
      assert.equal(webhookUrlProblem(ok), null, ok);
    }
    for (const bad of ['', 'crm.example.test/hook', 'http://crm.example.test/hook', 'ftp://127.0.0.1/', 'https://user:pw@crm.example.test/']) {
      assert.notEqual(webhookUrlProblem(bad), null, bad);
    }
  });
});

describe('webhook signatures', () => {
  it('are HMAC-SHA256 over "timestamp.body", as any HMAC library computes it', async () => {
    const body = '{"deliveryId":"d1"}';
    const expected = `sha256=${createHmac('sha256', 'shh').update(`1700000000.${body}`).digest('hex')}`;
    assert.equal(await webhookSignature('shh', 1700000000, body), expected);
  });

  it('verify with the right secret and a fresh timestamp only', async () => {
    const body = '{"a":1}';
    const signature = await webhookSignature('shh', 1000, body);
    assert.equal(await verifyWebhook('shh', { timestamp: '1000', signature }, body, 1010), true);
    assert.equal(await verifyWebhook('other', { timestamp: '1000', signature }, body, 1010), false);
    assert.equal(await verifyWebhook('shh', { timestamp: '1000', signature }, '{"a":2}', 1010), false);
    assert.equal(await verifyWebhook('shh', { timestamp: '1000', signature }, body, 1000 + 301), false);
    assert.equal(await verifyWebhook('shh', { timestamp: null, signature }, body, 1000), false);
  });
});

describe('webhook retries', () => {
  it('back off 10 s, 1 min, 5 min, 30 min, then give up after the fifth attempt', () => {
    assert.deepEqual([1, 2, 3, 4].map(backoffSeconds), [10, 60, 300, 1800]);
    assert.equal(WEBHOOK_MAX_ATTEMPTS, 5);
    assert.equal(WEBHOOK_BACKOFF_SECONDS.length, WEBHOOK_MAX_ATTEMPTS - 1);
  });
});

describe('the demo’s manual events', () => {
  it('keep every rule an administrator’s would, in groups the demo has', () => {
    const groups: readonly string[] = DEMO_GROUPS.map((g) => g.id);
    for (const e of DEMO_MANUAL_EVENTS) {
      const checked = checkManualEvent({ name: e.name, groupIds: e.groups, actions: e.actions }, []);
      assert.equal(checked.ok ? 'ok' : checked.message, 'ok', e.name);
      assert.ok(ManualEventSchema.safeParse({ name: e.name, groupIds: e.groups, actions: e.actions }).success, e.name);
      assert.ok(e.groups.every((g) => groups.includes(g)), e.name);
    }
  });
});
