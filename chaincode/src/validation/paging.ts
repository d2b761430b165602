import { invalidArgument } from '../errors';
import { parseIntegerArg } from './fields';

/** Page size used when the `pageSize` argument is empty. */
export const DEFAULT_PAGE_SIZE = 100;
/** Largest page a list transaction returns. */
export const MAX_PAGE_SIZE = 1000;

/** Validated paging arguments of a list transaction. */
export interface PageArgs {
  readonly pageSize: number;
  readonly bookmark: string;
}

/** Parses `pageSize` (string integer 1–1000, `""` for 100) and `bookmark` (`""` for the first page). */
export function parsePageArgs(pageSize: string, bookmark: string): PageArgs {
  const size = pageSize === '' ? DEFAULT_PAGE_SIZE : parseIntegerArg(pageSize, 'pageSize', 1, MAX_PAGE_SIZE);
  if (bookmark.length > 2048) {
    throw invalidArgument('bookmark', 'is too long');
  }
  return { pageSize: size, bookmark };
}
