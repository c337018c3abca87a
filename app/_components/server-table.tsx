'use client';

import { FlexRender, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type RowData, type SortingState } from '@tanstack/react-table';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';

// The machinery shared by every server-side table (patients, accounts): the database
// sorts, filters and pages; the URL holds the state, so views can be shared and the
// back button works; the table only renders one page.
export const sortingFeatures = tableFeatures({ rowSortingFeature });
export type ServerColumn<T extends RowData> = ColumnDef<typeof sortingFeatures, T>;

type UrlParams = Record<string, string | number | undefined> & { q?: string; sort?: string; dir?: 'asc' | 'desc' };

/** Push a new URL for changed params (a new filter or sort starts at page 1); `search` feeds a debounced `q`. */
export function useUrlTableState<P extends UrlParams>(params: P) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [search, setSearch] = useState(params.q ?? '');

  const go = (changes: Partial<Record<keyof UrlParams, string | undefined>>) => {
    const next = new URLSearchParams();
    const merged: Record<string, string | number | undefined> = { ...params, ...changes };
    if (!('page' in changes)) delete merged.page;
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') next.set(k, String(v));
    startTransition(() => router.push(`${pathname}${next.size ? `?${next}` : ''}`, { scroll: false }));
  };
  const navigate: (changes: Partial<Record<keyof P, string | undefined>>) => void = go;
  const clear = () => {
    setSearch('');
    startTransition(() => router.push(pathname, { scroll: false }));
  };

  // Search as you type, without a request per keystroke.
  useEffect(() => {
    if ((params.q ?? '') === search) return;
    const timer = setTimeout(() => go({ q: search || undefined }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- navigate changes every render; search is the trigger
  }, [search]);

  // What ServerTable and Pager need: the sort the URL holds (name, ascending, when it holds none) and the moves that change it.
  const sorting = { sort: { id: params.sort ?? 'name', desc: params.dir === 'desc' }, onSort: (id: string, desc: boolean) => go({ sort: id, dir: desc ? 'desc' : 'asc' }) };
  const onPage = (page: number) => go({ page: String(page) });

  return { navigate, clear, pending, search, setSearch, sorting, onPage };
}

/** The name-or-email search box above a table; what is typed feeds the URL's debounced `q`. */
export function TableSearch({ id, value, onChange, placeholder }: { id: string; value: string; onChange: (value: string) => void; placeholder: string }) {
  return (
    <div className="min-w-60 flex-1">
      <label htmlFor={id} className="block text-sm font-medium">Search name or email</label>
      <input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 px-3" placeholder={placeholder} />
    </div>
  );
}

/** One labelled filter (or sort) select above a table. */
export function TableSelect({ id, label, value, onChange, className, children }: { id: string; label: string; value: string; onChange: (value: string) => void; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="mt-1 block min-h-11 rounded-lg border border-slate-300 bg-white px-2">
        {children}
      </select>
    </div>
  );
}

type Props<T extends RowData> = {
  columns: ServerColumn<T>[];
  rows: T[];
  getRowId: (row: T) => string;
  sort: { id: string; desc: boolean };
  onSort: (id: string, desc: boolean) => void;
  pending: boolean;
  caption: string;
  testId: string;
  emptyText: string;
};

/** One page of rows with sortable column headers (aria-sort, keyboard-usable buttons). */
export function ServerTable<T extends RowData>({ columns, rows, getRowId, sort, onSort, pending, caption, testId, emptyText }: Props<T>) {
  const sorting: SortingState = [sort];
  const table = useTable({
    features: sortingFeatures,
    columns,
    data: rows,
    getRowId,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const first = (typeof updater === 'function' ? updater(sorting) : updater)[0];
      if (first) onSort(first.id, first.desc);
    },
  });
  return (
    <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200" aria-busy={pending}>
      {/* Cell padding set once on the table, not as a class on each of a page's 250 cells. */}
      <table className={`min-w-full text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:align-top ${pending ? 'opacity-60' : ''}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" className="whitespace-nowrap px-3 py-2 font-medium" aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex min-h-11 items-center gap-1 hover:text-slate-900">
                        <FlexRender header={header} />
                        <span aria-hidden>{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                      </button>
                    ) : (
                      <FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-8 text-center text-slate-600">{emptyText}</p>}
    </div>
  );
}

/** "N things · page x of y" with previous/next. */
export function Pager({ total, page, pageSize, noun, testId, onPage }: { total: number; page: number; pageSize: number; noun: [string, string]; testId: string; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      <span className="text-slate-600" data-testid={testId}>
        {total} {total === 1 ? noun[0] : noun[1]} · page {page} of {pages}
      </span>
      <div className="flex gap-2">
        <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)} className="min-h-11 rounded-lg px-3 ring-1 ring-slate-300 disabled:opacity-40">Previous</button>
        <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)} className="min-h-11 rounded-lg px-3 ring-1 ring-slate-300 disabled:opacity-40">Next</button>
      </div>
    </nav>
  );
}
