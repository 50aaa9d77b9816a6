// The connection to a Stratus node: a polkadot-api client typed by the
// descriptors generated from the runtime's metadata, and every page of
// the runtime API's paged lists.
import { stratus } from '@polkadot-api/descriptors';
import { createClient, type PolkadotClient, type TypedApi } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { inUnit, STRA_UNIT, text, type Unit } from './format';

export type Api = TypedApi<typeof stratus>;
type MarketApi = Api['apis']['ComputeMarketApi'];
export type ProviderView = Awaited<ReturnType<MarketApi['providers']>>[number][1];
export type OrderView = Awaited<ReturnType<MarketApi['open_orders']>>[number][1];
export type BidView = Awaited<ReturnType<MarketApi['bids']>>[number][1];
export type ProviderStats = NonNullable<Awaited<ReturnType<MarketApi['provider_stats']>>>;
export type LeaseView = NonNullable<Awaited<ReturnType<MarketApi['lease']>>>;
/** What an order or a lease is paid in: STRA (`Native`) or a foreign asset's location. */
export type MarketAsset = OrderView['asset'];

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

/** A foreign asset's location as a key: its JSON, numbers as text. */
function locationKey(location: unknown): string {
  return JSON.stringify(location, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
}

/** How the amounts of orders and leases read: STRA, and each foreign asset registered on the chain by its symbol and decimals. */
export class Units {
  constructor(private readonly foreign: Map<string, Unit> = new Map()) {}

  /** The unit of `asset`; undefined for a foreign asset registered without metadata. */
  of(asset: MarketAsset): Unit | undefined {
    return asset.type === 'Native' ? STRA_UNIT : this.foreign.get(locationKey(asset.value));
  }

  /** `value` of `asset` in its unit ("0.01 USDT"), or in its smallest units when it has none. */
  amount(asset: MarketAsset, value: bigint): string {
    const unit = this.of(asset);
    return unit ? inUnit(value, unit) : `${value} smallest units`;
  }
}

/** The symbols and decimals of the foreign assets registered at block `at`. */
export async function units(api: Api, at: string): Promise<Units> {
  const entries = await api.query.ForeignAssets.Metadata.getEntries({ at });
  return new Units(new Map(entries.map(({ keyArgs: [location], value }) =>
    [locationKey(location), { symbol: text(value.symbol), decimals: value.decimals }])));
}

/** What the Market view shows, read at one block. */
export interface MarketSnapshot {
  block: number;
  /** How its amounts read. */
  units: Units;
  providers: Array<{ account: string; view: ProviderView; stats: ProviderStats | undefined }>;
  orders: Array<{ id: bigint; view: OrderView; bids: Array<[string, BidView]> }>;
}

/** The providers with their track records, and the open orders with their bid books, at the finalized block `block`. */
export async function market(api: Api, block: number, at: string): Promise<MarketSnapshot> {
  const market = api.apis.ComputeMarketApi;
  const options = { at };
  const [providers, orders, amounts] = await Promise.all([
    all((after: string | undefined, limit) => market.providers(after, limit, options), first),
    all((after: bigint | undefined, limit) => market.open_orders(after, limit, options), first),
    units(api, at),
  ]);
  return {
    block,
    units: amounts,
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
