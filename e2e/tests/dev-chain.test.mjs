// The foundation on a running chain: blocks, identity, metadata, a transfer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { UNIT, devAccounts, freeAt, parentOf } from '../lib/market.mjs';
import { sendAndWait, startDevNode, waitForBlock } from '../lib/node.mjs';

let node;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
});

after(async () => {
  await node?.api.disconnect();
  await node?.stop();
});

test('the dev chain produces blocks', async () => {
  const header = await waitForBlock(node.api, 3);
  assert.ok(header.number.toNumber() >= 3);
});

test('the chain and runtime say they are Stratus', async () => {
  const { api } = node;
  assert.equal((await api.rpc.system.chain()).toString(), 'Stratus Development');
  const version = api.runtimeVersion;
  assert.equal(version.specName.toString(), 'stratus');
  assert.equal(version.specVersion.toNumber(), 10);
  assert.equal(version.transactionVersion.toNumber(), 5);
  const properties = await api.rpc.system.properties();
  assert.equal(properties.tokenSymbol.unwrap()[0].toString(), 'STRA');
  assert.equal(properties.tokenDecimals.unwrap()[0].toNumber(), 12);
});

test('the metadata holds every pallet of the runtime', async () => {
  const names = node.api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const pallet of [
    'System', 'ParachainSystem', 'Timestamp', 'ParachainInfo', 'WeightReclaim', 'Balances',
    'TransactionPayment', 'Sudo', 'Authorship', 'CollatorSelection', 'Session', 'Aura', 'AuraExt',
    'XcmpQueue', 'PolkadotXcm', 'CumulusXcm', 'MessageQueue', 'Utility', 'Proxy', 'Multisig', 'Council',
    'CouncilMembership', 'Treasury', 'Parameters', 'ForeignAssets', 'AssetRate',
    'ResourceRegistry', 'BidMatching', 'LeaseEscrow', 'ProviderSlashing',
  ]) {
    assert.ok(names.includes(pallet), `${pallet} missing from ${names.join(', ')}`);
  }
  assert.ok(node.api.runtimeMetadata.version >= 15, 'metadata v15 or later');
});

test('USDT, USDC and DOT are registered as sufficient foreign assets, by their Asset Hub locations', async () => {
  const { api } = node;
  const assetHub = (index) => ({ parents: 1, interior: { X3: [{ Parachain: 1000 }, { PalletInstance: 50 }, { GeneralIndex: index }] } });
  for (const [location, symbol, decimals] of [[assetHub(1984), 'USDT', 6], [assetHub(1337), 'USDC', 6], [{ parents: 1, interior: 'Here' }, 'DOT', 10]]) {
    const details = (await api.query.foreignAssets.asset(location)).unwrap();
    assert.ok(details.isSufficient.isTrue, symbol);
    assert.equal(details.supply.toBigInt(), 0n, `${symbol}: nothing minted at genesis`);
    const metadata = await api.query.foreignAssets.metadata(location);
    assert.equal(metadata.symbol.toUtf8(), symbol);
    assert.equal(metadata.decimals.toNumber(), decimals);
  }
  // No rate is set on a fresh chain: execution is sold in STRA only.
  const result = await api.call.xcmPaymentApi.queryAcceptablePaymentAssets(5);
  assert.ok(result.isOk, JSON.stringify(result.toJSON()));
  const acceptable = result.asOk;
  assert.equal(acceptable.length, 1);
  assert.ok(acceptable[0].isV5 && acceptable[0].asV5.parents.toNumber() === 0 && acceptable[0].asV5.interior.isHere,
    JSON.stringify(acceptable[0].toJSON()));
});

test('Alice sends Bob a transfer that both balances show', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();
  const amount = 5n * UNIT;

  const { blockHash, events } = await sendAndWait(
    api, api.tx.balances.transferKeepAlive(bob.address, amount), alice,
  );

  const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
  assert.ok(transfer, 'a Transfer event');
  const { from, to, amount: moved } = transfer.event.data;
  assert.equal(from.toString(), alice.address);
  assert.equal(to.toString(), bob.address);
  assert.equal(moved.toBigInt(), amount);

  const feeEvent = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
  assert.ok(feeEvent, 'a TransactionFeePaid event');
  const fee = feeEvent.event.data.actualFee.toBigInt() + feeEvent.event.data.tip.toBigInt();
  assert.ok(fee > 0n);

  // Compare the block with the transfer to its parent, so blocks in between do not matter.
  const parent = await parentOf(api, blockHash);
  assert.equal(await freeAt(api, bob.address, blockHash) - await freeAt(api, bob.address, parent), amount);
  assert.equal(await freeAt(api, alice.address, parent) - await freeAt(api, alice.address, blockHash), amount + fee);
});
