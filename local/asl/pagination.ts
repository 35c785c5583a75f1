/**
 * Pagination of List* and GetExecutionHistory: `maxResults` (default 100, at most 1000, 0 = default) and an opaque
 * `nextToken`. A token that this engine did not hand out for the same listing is `InvalidToken`, as in AWS.
 */
import { ApiError } from './api';
import { PageSize } from './constants';

/** One page of a listing, and the token of the next when there is one. */
type Page<T> = { items: T[]; nextToken?: string };

const encode = (listing: string, offset: number): string =>
  Buffer.from(JSON.stringify({ l: listing, o: offset })).toString('base64url');

const decode = (listing: string, token: string): number => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { l?: unknown; o?: unknown };
    if (parsed.l === listing && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  throw new ApiError('InvalidToken', 'Invalid Token');
};

/**
 * One page of `items`. `listing` identifies what is listed (for example the execution ARN), so a token cannot be
 * replayed against another listing.
 *
 * @example
 * const { items, nextToken } = paginate(events, { maxResults: 10, nextToken }, executionArn);
 */
const paginate = <T>(items: readonly T[], input: { maxResults?: number; nextToken?: string }, listing: string): Page<T> => {
  const max = input.maxResults;
  if (max !== undefined && (!Number.isInteger(max) || max < 0 || max > PageSize.max)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and ${PageSize.max}`);
  }
  const size = max === undefined || max === 0 ? PageSize.default : max;
  const offset = input.nextToken === undefined || input.nextToken === '' ? 0 : decode(listing, input.nextToken);
  const page = items.slice(offset, offset + size);
  const end = offset + page.length;
  return end < items.length ? { items: page, nextToken: encode(listing, end) } : { items: page };
};

export { paginate };
export type { Page };
