import type { ComponentChildren, TableHTMLAttributes } from 'preact';

export interface CardColumn<T> {
  /** The header, and each cell's `data-label`: narrow screens show every row as a card labelled by it. */
  label: string;
  /** Right-aligned figures: `num` on the header and the cells. */
  num?: boolean;
  /** A class on the cells only (e.g. `mono`). */
  cellClass?: string;
  cell(row: T): ComponentChildren;
}

interface CardTableProps<T> extends Omit<TableHTMLAttributes<HTMLTableElement>, 'rows'> {
  rows: readonly T[];
  rowKey(row: T, index: number): string | number;
  columns: readonly CardColumn<T>[];
  /** `data-` attributes of a row's `<tr>`, for tests that find a row by what it shows. */
  rowData?(row: T): Record<`data-${string}`, string>;
}

/** The console's table of records: one column per `columns` entry, one row per item, cards on narrow screens. */
export function CardTable<T>({ rows, rowKey, columns, rowData, ...tableAttributes }: CardTableProps<T>) {
  return (
    <div class="table-wrap">
      <table class="cards" {...tableAttributes}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} class={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)} {...rowData?.(row)}>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label} class={c.num ? 'num' : c.cellClass}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
