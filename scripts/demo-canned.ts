// Demo canned replies for `npm start`, made through the running server's API as an administrator
// and an agent would make them: shared ones in folders, with shortcuts and variables (one naming
// the demo's custom field, one carrying a returns label as a PDF), one of the Support group's, and
// one of Alice's own. Called by demo-chats.ts after the custom field exists, once per deployment.

/** A signed-in demo person (demo-chats.ts signs them in). */
interface DemoStaff {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  cookie: string;
}

/** How long the file upload may take (the server is already up). */
const UPLOAD_TIMEOUT_MS = 10_000;

/** A one-page PDF that says `text`, with a correct cross-reference table (so every viewer opens it). */
export function tinyPdf(text: string): string {
  const safe = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${pdf}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

export async function addDemoCannedReplies(origin: string, admin: DemoStaff, alice: DemoStaff, fieldKey: string): Promise<void> {
  type Made = { reply: { id: string } };
  const shared = (folder: string, title: string, shortcut: string, body: string) => admin.call<Made>('POST', '/api/canned', { scope: 'shared', folder, title, shortcut, body });
  await shared('Greetings', 'Welcome', 'hi', 'Hi {{customer.first_name|there}}, I’m {{agent.first_name}} from {{group.name}}. How can I help?');
  await shared('Greetings', 'Anything else?', 'else', 'Is there anything else I can help you with today, {{customer.first_name|there}}?');
  await shared('Orders', 'Looking up an order', 'order', `Let me look up order {{field.${fieldKey}|(your order number)}} for you, {{customer.first_name|there}}: one moment.`);
  const label = await shared('Orders', 'Returns label', 'returns', 'Here is your prepaid returns label: print it and drop the parcel at any post office.');
  const upload = await fetch(`${origin}/api/canned/${label.reply.id}/files`, {
    method: 'POST',
    headers: { origin, cookie: admin.cookie, 'content-type': 'application/pdf', 'x-filename': encodeURIComponent('Returns label.pdf') },
    body: tinyPdf('Prepaid returns label - Switchboard demo shop'),
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  if (upload.status !== 201) throw new Error(`the demo returns label: ${upload.status} ${await upload.text()}`);
  await admin.call('POST', '/api/canned', {
    scope: 'group',
    groupId: 'support',
    folder: 'Accounts',
    title: 'Password reset',
    shortcut: 'reset',
    body: 'Use “Forgot password” on the sign-in page: the link we email lasts an hour. Write back here if it does not arrive, {{customer.first_name|there}}.',
  });
  await alice.call('POST', '/api/canned', { scope: 'personal', title: 'My sign-off', shortcut: 'bye', body: 'Thanks for chatting, {{customer.first_name|there}}! — {{agent.name}}' });
}
