// The labelled set that measures agent assistance's relevance (ranking.test.ts): a help desk's
// knowledge base, and customers' questions told as chats (single questions, chats where the agent
// talks and sends links, a customer who moves on to another problem, a long chat), in their own
// words rather than the articles' titles, each labelled with the article or articles that answer
// it. Each was written before its result was seen and none was changed after: a question the
// ranking gets wrong stays here.

export interface LabelledArticle {
  /** The key the questions' labels use (the article's id is the server's). */
  key: string;
  title: string;
  body: string;
}

export interface LabelledQuestion {
  /** The chat as it went: the customer's lines, and the agent's where the agent spoke. */
  said: readonly { by: 'customer' | 'agent'; text: string }[];
  /** The articles that answer it (any of them is a right answer). */
  answers: readonly string[];
}

export const ARTICLES: readonly LabelledArticle[] = [
  {
    key: 'password-reset',
    title: 'Resetting your password',
    body: 'If you cannot sign in, choose Forgot password on the sign-in page and enter the email address on your account. We send a reset link that works for one hour. Open it, choose a new password of at least 10 characters and sign in again. If the email does not arrive, look in your spam folder or ask us to send it again.',
  },
  {
    key: 'account-locked',
    title: 'Account locked after too many sign-in attempts',
    body: 'After five failed sign-ins in a row we lock the account for 15 minutes to keep it safe. Wait, then sign in again, or reset your password if you are not sure of it. If you see sign-ins you do not recognise, turn on two-factor authentication.',
  },
  {
    key: 'refunds',
    title: 'Refunds and returns',
    body: 'You can return any item within 30 days of delivery for a full refund. Start a return from Orders → Return item, print the prepaid label and drop the parcel at any post office. Once our warehouse receives it, the money goes back to your original payment method within 5–7 business days.',
  },
  {
    key: 'shipping-times',
    title: 'Shipping times and delivery',
    body: 'Orders placed before 2 pm ship the same working day. Standard delivery takes 3–5 working days, express delivery 1–2 days. We ship to the EU, the UK, Norway and Switzerland. Every order gets a tracking number by email as soon as the carrier collects it.',
  },
  {
    key: 'order-tracking',
    title: 'Tracking your order',
    body: 'Your tracking number is in the shipping confirmation email and under Orders → Track. Updates can take 24 hours to appear after the label is created. If the tracking shows delivered but you cannot find the parcel, check with your neighbours and contact us within 7 days.',
  },
  {
    key: 'change-address',
    title: 'Changing a delivery address',
    body: 'You can change where an order goes until it ships: Orders → Edit address. After it ships, ask the carrier to redirect the parcel from the tracking page. If you have moved, update your default address under Profile → Addresses so future orders go to the right place.',
  },
  {
    key: 'damaged-item',
    title: 'Damaged or faulty items',
    body: 'If something arrived broken or stops working within the two-year warranty, send us a photo of the damage and your order number. We ship a replacement free of charge or repair it. There is no need to return a broken glass or ceramic item.',
  },
  {
    key: 'invoices',
    title: 'Downloading invoices and receipts',
    body: 'Every payment has an invoice in PDF. Go to Billing → Invoices, pick the month and choose Download. To put your company name or VAT number on future invoices, edit the billing details on the same page.',
  },
  {
    key: 'payment-method',
    title: 'Updating your card or payment method',
    body: 'If a payment failed or your card has expired, open Billing → Payment method and add a new credit card or PayPal. We retry a declined charge within 24 hours. We accept Visa, Mastercard, American Express, and bank transfer for annual plans.',
  },
  {
    key: 'plan-change',
    title: 'Upgrading or downgrading your plan',
    body: 'Change plans at any time from Billing → Plan. An upgrade starts at once and you pay the prorated difference for the rest of the billing cycle; a downgrade takes effect at the next renewal. Team plans add seats for more users.',
  },
  {
    key: 'cancel-subscription',
    title: 'Cancelling your subscription',
    body: 'Cancel from Billing → Plan → Cancel subscription. You keep access until the end of the period you paid for, and we will not bill you again. You can reactivate before then and keep all your settings.',
  },
  {
    key: 'two-factor',
    title: 'Setting up two-factor authentication',
    body: 'Two-factor authentication (2FA) protects your account with a one-time code from an authenticator app. Open Security settings, choose Enable 2FA and scan the QR code with Google Authenticator, 1Password or Authy. Keep the backup codes somewhere safe: each works once if you lose your phone.',
  },
  {
    key: 'close-account',
    title: 'Closing your account',
    body: 'To delete your account permanently, go to Settings → Account → Close account. We erase your profile, your data and your history within 30 days; invoices are kept as the law requires. Cancel any subscription first. This cannot be undone.',
  },
  {
    key: 'change-email',
    title: 'Changing the email address on your account',
    body: 'Go to Profile → Email, type the new address and confirm it with the link we send there. Until you confirm, sign-in keeps using the old address. Notifications and receipts go to the new address from then on.',
  },
  {
    key: 'export-data',
    title: 'Exporting your data',
    body: 'You can download everything you have stored with us as a ZIP of CSV and JSON files. Open Settings → Data → Export, choose what to include and press Start export. We email you a download link when the archive is ready; it expires after 7 days.',
  },
  {
    key: 'api-keys',
    title: 'Creating and revoking API keys',
    body: 'API keys let your own scripts and integrations call our REST API. Go to Developer → API keys, choose New key, name it, pick the scopes it needs and copy the token: it is shown only once. Revoke a key that may have leaked and create a new one; requests with a revoked key get 401 Unauthorized.',
  },
  {
    key: 'notifications',
    title: 'Managing email notifications',
    body: 'Choose which emails we send you under Settings → Notifications: order updates, newsletters and product news. Unsubscribe from marketing with the link at the bottom of any newsletter; order and security emails are always sent.',
  },
  {
    key: 'gift-cards',
    title: 'Gift cards and promo codes',
    body: 'Enter a gift card or promo code at checkout, in the Discount code field. Codes cannot be combined and do not apply to shipping. A gift card balance is kept for two years.',
  },
];

const customer = (text: string) => ({ by: 'customer' as const, text });
const agent = (text: string) => ({ by: 'agent' as const, text });

export const QUESTIONS: readonly LabelledQuestion[] = [
  { said: [customer('I forgot my login details and cannot get into my account')], answers: ['password-reset', 'account-locked'] },
  { said: [customer('I sent the jacket back two weeks ago, when will I see my money?')], answers: ['refunds'] },
  { said: [customer('How long until my package gets here? I live in Norway.')], answers: ['shipping-times'] },
  { said: [customer('Where can I find a PDF for last month’s payment?')], answers: ['invoices'] },
  { said: [customer('How do I turn on the authenticator codes for extra security?')], answers: ['two-factor'] },
  { said: [customer('Please erase my profile and all my data for good')], answers: ['close-account'] },
  { said: [customer('I want to use my new work email to sign in instead of my old one')], answers: ['change-email'] },
  { said: [customer('Can I get a copy of everything I have stored with you, as CSV?')], answers: ['export-data'] },
  { said: [customer('Our integration suddenly gets Unauthorized errors, I think the token leaked')], answers: ['api-keys'] },
  { said: [customer('We need more seats for new colleagues. What does it cost to move up mid-cycle?')], answers: ['plan-change'] },
  { said: [customer('My card expired and now the charge was declined')], answers: ['payment-method'] },
  { said: [customer('I do not want to be billed again next month. How do I stop it?')], answers: ['cancel-subscription'] },
  { said: [customer('My mug arrived cracked and the handle is broken')], answers: ['damaged-item'] },
  { said: [customer('The website says delivered but there is nothing at my door')], answers: ['order-tracking'] },
  { said: [customer('I have moved house. Can the parcel I ordered yesterday go to my new place?')], answers: ['change-address'] },
  { said: [customer('Stop sending me marketing newsletters please')], answers: ['notifications'] },
  { said: [customer('It says my account is locked, I typed the wrong password a few times')], answers: ['account-locked', 'password-reset'] },
  { said: [customer('Where do I type a discount voucher when I pay?')], answers: ['gift-cards'] },
  { said: [customer('The lamp I bought is faulty, can I get my money back?')], answers: ['damaged-item', 'refunds'] },
  { said: [customer('Hi there'), agent('Hello! How can I help?'), customer('Our accounting needs the VAT number on every invoice')], answers: ['invoices'] },
  { said: [customer('Is it possible to switch to the cheaper plan when it renews?')], answers: ['plan-change'] },
  {
    said: [customer('My phone was stolen yesterday'), agent('Sorry to hear that! Do you use an authenticator app to sign in?'), customer('Yes, and without it I cannot get the code to log in')],
    answers: ['two-factor'],
  },
  {
    said: [customer('Hello, quick question about my order'), agent('Of course, what would you like to know?'), customer('When does it ship? I ordered this morning.')],
    answers: ['shipping-times'],
  },
  // The customer moves on to another problem: the one they ask about now is the one to answer.
  {
    said: [
      customer('I could not sign in, my password was not accepted'),
      agent('I have sent you a reset link, it works for one hour.'),
      customer('That worked, thanks. Another thing: the parcel from last week still has not arrived, the tracking has not moved in days'),
    ],
    answers: ['order-tracking', 'shipping-times'],
  },
  {
    said: [
      customer('My order arrived today, all good'),
      agent('Great to hear! Anything else?'),
      customer('Yes, I would like to get rid of the marketing emails you keep sending me'),
    ],
    answers: ['notifications'],
  },
  {
    said: [
      customer('Can you tell me when my order ships?'),
      agent('It ships today; you will get a tracking number by email.'),
      customer('Great. Also, our bookkeeper wants our VAT number added to the invoices'),
    ],
    answers: ['invoices'],
  },
  // The agent talks more than the customer, and sends an article's link.
  {
    said: [
      customer('I cannot log in'),
      agent('Sorry about that. Are you seeing an error message when you try?'),
      customer('It says the code is wrong'),
      agent('Is that the six-digit code from your authenticator app? This may help: Setting up two-factor authentication https://help.example/kb/2fa'),
      customer('Yes, the one from Authy. I got a new phone last week'),
    ],
    answers: ['two-factor'],
  },
  {
    said: [
      customer('How do I get a refund?'),
      agent('You can start one from Orders → Return item; here is our guide: Refunds and returns https://help.example/kb/refunds'),
      customer('I tried, but the prepaid label will not print'),
    ],
    answers: ['refunds'],
  },
  // A long chat: the first problem took many words; the question now is the last line.
  {
    said: [
      customer('Hello, I ordered a tent, a sleeping bag and two camping chairs on Saturday with express delivery to my holiday cottage'),
      agent('Thanks for the details. I can see the order: everything left our warehouse on Monday.'),
      customer('Yes, and the chairs and the sleeping bag came yesterday but the tent was missing from the box, the packing slip lists it'),
      agent('I am sorry about that. I have asked the warehouse to send the tent today by express, at no cost to you.'),
      customer('Wonderful, thank you so much for sorting that out so quickly, we leave for the lake on Friday so this helps a lot'),
      customer('One last thing: I would like my receipts to go to my partner’s email address from now on, how do I change that?'),
    ],
    answers: ['change-email'],
  },
  {
    said: [customer('We are a team of five'), agent('Nice! What can I do for you?'), customer('We want to add two more users to our account')],
    answers: ['plan-change'],
  },
];
