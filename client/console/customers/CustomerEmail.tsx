// A customer's email as the seed shows it: underlined, opening the user-details pop-out. Beside it,
// where known, whether their website vouched for them (verified) or they typed it (unverified).
import type { CustomerModel } from './customer.ts';

export function CustomerEmail({ email, customers, verified = null }: { email: string; customers: CustomerModel; verified?: boolean | null }) {
  return (
    <span class="customer-email">
      <button type="button" class="link pane-email" aria-haspopup="dialog" title="Show everything about this customer" onClick={() => void customers.openByEmail(email)}>
        {email}
      </button>
      {verified === null ? null : (
        <span class={`badge ${verified ? 'badge-verified' : 'badge-unverified'}`}>{verified ? 'Verified by website' : 'Unverified email'}</span>
      )}
    </span>
  );
}
