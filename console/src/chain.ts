// The connection to a Stratus node: a polkadot-api client typed by the
// descriptors generated from the runtime's metadata, and every page of
// the runtime API's paged lists.
import { stratus } from '@polkadot-api/descriptors';
import { createClient, type PolkadotClient, type TypedApi } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';

export type Api = TypedApi<typeof stratus>;
type MarketApi = Api['apis']['ComputeMarketApi'];
export type ProviderView = Awaited<ReturnType<MarketApi['providers']>>[number][1];
export type OrderView = Awaited<ReturnType<MarketApi['open_orders']>>[number][1];
export type BidView = Awaited<ReturnType<MarketApi['bids']>>[number][1];
export type ProviderStats = NonNullable<Awaited<ReturnType<MarketApi['provider_stats']>>>;
export type LeaseView = NonNullable<Awaited<ReturnType<MarketApi['lease']>>>;

/** The most entries one runtime API call returns (`MaxPage`). */
const PAGE = 100;

export interface Chain {
  client: PolkadotClient;
  api: Api;
}

/** A client of the node at `url` (ws:// or wss://). */
export function connect(url: string): Chain {
  const client = createClient(getWsProvider(url));
  return { client, api: client.getTypedApi(stratus) };
}

/**
 * Every item of a paged list: `page(after, limit)` called until a short
 * page, each page starting after the key (`keyOf`) of the last item.
 */
export async function all<K, T>(
  page: (after: K | undefined, limit: number) => Promise<T[]>,
  keyOf: (item: T) => K,
): Promise<T[]> {
  const items: T[] = [];
  let after: K | undefined;
  for (;;) {
    const next = await page(after, PAGE);
    items.push(...next);
    if (next.length < PAGE) return items;
    after = keyOf(next[next.length - 1]);
  }
}

/** The key of an entry of a list of `[key, value]` pairs. */
const first = <K, V>([key]: [K, V]): K => key;

/** What the Market view shows, read at one block. */
export interface MarketSnapshot {
  block: number;
  providers: Array<{ account: string; view: ProviderView; stats: ProviderStats | undefined }>;
  orders: Array<{ id: bigint; view: OrderView; bids: Array<[string, BidView]> }>;
}

/** The providers with their track records, and the open orders with their bid books, at the finalized block `block`. */
export async function market(api: Api, block: number, at: string): Promise<MarketSnapshot> {
  const market = api.apis.ComputeMarketApi;
  const options = { at };
  const [providers, orders] = await Promise.all([
    all((after: string | undefined, limit) => market.providers(after, limit, options), first),
    all((after: bigint | undefined, limit) => market.open_orders(after, limit, options), first),
  ]);
  return {
    block,
    providers: await Promise.all(providers.map(async ([account, view]) => ({
      account,
      view,
      stats: await market.provider_stats(account, options),
    }))),
    orders: await Promise.all(orders.map(async ([id, view]) => ({
      id,
      view,
      bids: await market.bids(id, options),
    }))),
  };
}
