// The View menu's Visible Fields: every column with a checkbox (shown or not) and its width in
// pixels. Save stores the choice on the server (it follows the person to any browser); the list
// then shows those columns at those widths.
import { COLUMN_LABELS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './columns.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormActions } from '../ui/FormActions.tsx';
import type { VisibleFields } from './visible-fields.ts';

export function VisibleFieldsDialog({ fields }: { fields: VisibleFields }) {
  const draft = fields.draft.value;
  if (draft === null) return null;
  const errors = fields.errors.value;
  const saving = fields.saving.value;
  return (
    <Dialog title="Visible Fields" onCancel={() => fields.close()}>
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void fields.save();
        }}
      >
        <table class="fields">
          <thead>
            <tr>
              <th scope="col">Show</th>
              <th scope="col">Width (px)</th>
            </tr>
          </thead>
          <tbody>
            {draft.map((f) => {
              const label = COLUMN_LABELS[f.id];
              const error = errors[f.id];
              return (
                <tr key={f.id} data-column={f.id}>
                  <td>
                    <label>
                      <input type="checkbox" checked={f.visible} onChange={(event) => fields.show(f.id, event.currentTarget.checked)} />{' '}
                      {label}
                    </label>
                  </td>
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={MIN_COLUMN_WIDTH}
                      max={MAX_COLUMN_WIDTH}
                      step={1}
                      value={f.width}
                      disabled={!f.visible}
                      aria-label={`${label} width in pixels`}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `width-error-${f.id}` : undefined}
                      onInput={(event) => fields.setWidth(f.id, event.currentTarget.value)}
                    />
                    {error ? (
                      <span id={`width-error-${f.id}`} class="field-error">
                        {error}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FormActions problem={fields.problem.value} onCancel={() => fields.close()} submit="Save" busyLabel="Saving…" busy={saving} />
      </form>
    </Dialog>
  );
}
