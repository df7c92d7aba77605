/**
 * A form's error, announced at once by screen readers. With an `id` it is always rendered, so a
 * field can point at it (aria-describedby) and a later error lands in an existing live region.
 */
export const FormError = ({ id, message }: { id?: string; message?: string }) =>
  message || id ? (
    <p id={id} class="error" role="alert">
      {message ?? ""}
    </p>
  ) : null;
