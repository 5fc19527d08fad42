// The demo shop's knowledge base for `npm start` (Acme Outfitters, client/demo.html): published
// articles, so the widget suggests them before a chat and the console's Assistance panel suggests
// them during one (the demo chats' customers ask about a late order and a password). Made through
// the administrator's routes with the demo chats (scripts/demo-chats.ts), once. Not in seed.ts on
// purpose: the browser tests seed the same database and start chats whose questions these
// articles would answer, which would turn those chats into the widget's suggestions page.

export interface DemoArticle {
  title: string;
  body: string;
}

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    title: 'Tracking your order',
    body: 'Your tracking number is in the shipping confirmation email and under My orders → Track.\n\nTracking can take a day to update after the label is made. If your order has not arrived by its due date, or the tracking says delivered but you cannot find the parcel, check with your neighbours and then contact us: we will chase the carrier or send a replacement.',
  },
  {
    title: 'Shipping times and costs',
    body: 'Orders placed before 2 pm ship the same working day. Standard delivery takes 3–5 working days and is free over $75; express delivery takes 1–2 days.\n\nWe ship to the US, Canada, the EU, the UK and Norway.',
  },
  {
    title: 'Returns and refunds',
    body: 'Return anything within 60 days, worn on the trail or not, for a full refund. Start a return under My orders → Return, print the prepaid label and drop the parcel at any post office.\n\nThe money goes back to your original payment method within 5–7 business days of the warehouse receiving it.',
  },
  {
    title: 'Changing your delivery address',
    body: 'You can change where an order goes until it ships: My orders → Edit address. After it ships, ask the carrier to redirect the parcel from the tracking page.\n\nIf you have moved, update your default address under Account → Addresses.',
  },
  {
    title: 'Resetting your password',
    body: 'Choose "Forgot password" on the sign-in page and enter your email address. The reset link we send works for one hour; if it does not arrive, look in your spam folder.',
  },
  {
    title: 'Damaged or faulty gear',
    body: 'If something arrived damaged, or fails within the two-year warranty, send us a photo and your order number. We repair it or send a replacement free of charge.',
  },
  {
    title: 'Choosing a tent size',
    body: 'A tent\'s number is how many sleeping pads fit side by side. The Ridgeline 2 is 130 cm wide: two adults with standard pads. For gear inside, or a dog, choose one size up.',
  },
  {
    title: 'Caring for waterproof jackets',
    body: 'Wash shells at 30 °C with a technical wash, no fabric softener. Tumble-dry on low to revive the water-repellent finish. Re-proof when water stops beading on the fabric.',
  },
];

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Creates and publishes each demo article through the administrator's routes. */
export async function addDemoArticles(adminCall: Call): Promise<void> {
  for (const article of DEMO_ARTICLES) {
    const { id } = await adminCall<{ id: string }>('POST', '/api/admin/kb', article);
    await adminCall('POST', `/api/admin/kb/${encodeURIComponent(id)}/publish`);
  }
}
