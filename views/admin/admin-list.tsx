import type { Child } from "hono/jsx";
import type { Paged } from "../../src/store/records.ts";
import { usePaths } from "../paths.ts";

/** A column of an admin list: its heading, and its class (`number` aligns figures right). */
export interface AdminColumn {
  heading: Child;
  class?: string;
}

/**
 * One list of the administration page, a page at a time: a card headed "People (120)", a table
 * that scrolls sideways on a phone (one `<th scope="row">` per row, from `row`), and a pager.
 * People and rooms differ only in their columns and cells.
 */
export function AdminList<T>({
  id,
  title,
  list,
  page,
  size,
  href,
  columns,
  row,
}: {
  /** The heading's id, which names the section for screen readers. */
  id: string;
  title: string;
  list: Paged<T>;
  page: number;
  size: number;
  /** The address of another page of this list (the other list's page kept). */
  href: (page: number) => string;
  columns: AdminColumn[];
  row: (item: T) => Child;
}) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>
        {title} ({list.total})
      </h2>
      <div class="table-scroll">
        <table class="admin-table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" class={column.class}>
                  {column.heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{list.items.map(row)}</tbody>
        </table>
      </div>
      <Pager label={title} total={list.total} page={page} size={size} href={href} />
    </section>
  );
}

/** "Page 2 of 5" with Previous and Next; nothing when everything fits on one page. */
const Pager = ({
  label,
  total,
  page,
  size,
  href,
}: {
  label: string;
  total: number;
  page: number;
  size: number;
  href: (page: number) => string;
}) => {
  const { to } = usePaths();
  const last = Math.max(1, Math.ceil(total / size));
  if (last === 1) return null;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      {page > 1 ? <a href={to(`/admin${href(page - 1)}`)}>Previous</a> : <span />}
      <span>
        Page {page} of {last}
      </span>
      {page < last ? <a href={to(`/admin${href(page + 1)}`)}>Next</a> : <span />}
    </nav>
  );
};
