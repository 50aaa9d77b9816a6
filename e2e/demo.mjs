// Seeds a running dev chain with a small market: three bonded providers and
// one open order. Usage: node e2e/demo.mjs ws://127.0.0.1:9944
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { MANIFEST, NO_REQUIREMENTS, UNIT, devAccounts, findEvent, registerAndBond } from './lib/market.mjs';
import { connect, sendAndWait } from './lib/node.mjs';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
await cryptoWaitReady();
let api;
for (let attempt = 0; !api; attempt += 1) {
  // The node may still be starting: try for two minutes.
  try {
    api = await connect(url);
  } catch (e) {
    if (attempt >= 120) throw e;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
const who = devAccounts();
const bond = 1_000n * UNIT;
const machines = {
  bob: { cpuMillicores: 32_000, memoryMib: 131_072, storageGib: 2_000, gpuUnits: 0 },
  charlie: { cpuMillicores: 16_000, memoryMib: 65_536, storageGib: 1_000, gpuUnits: 2 },
  dave: { cpuMillicores: 8_000, memoryMib: 32_768, storageGib: 500, gpuUnits: 0 },
};
await Promise.all(Object.entries(machines).map(([name, capacity]) => registerAndBond(api, who[name], {
  capacity, attributes: [{ key: 'region', value: 'eu-west' }], bond, hostUri: `https://${name}.provider.example`,
})));
console.log(`providers bonded: ${Object.keys(machines).join(', ')} (${bond / UNIT} STRA each)`);
const ask = { cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 100, gpuUnits: 0 };
const maxPrice = UNIT / 100n;
const { events } = await sendAndWait(api, api.tx.bidMatching.createOrder(
  MANIFEST, ask, [{ key: 'region', value: 'eu-west' }], null, NO_REQUIREMENTS, maxPrice, maxPrice * 1_000n, 200,
  'Native',
), who.eve);
const created = findEvent(events, (e) => api.events.bidMatching.OrderCreated.is(e));
console.log(`Eve's order ${created.data.orderId} is open for bids until block ${created.data.windowEnd}`);
await api.disconnect();
