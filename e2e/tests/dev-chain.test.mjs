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
  assert.equal(version.specVersion.toNumber(), 9);
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
    'CouncilMembership', 'Treasury', 'Parameters',
    'ResourceRegistry', 'BidMatching', 'LeaseEscrow', 'ProviderSlashing',
  ]) {
    assert.ok(names.includes(pallet), `${pallet} missing from ${names.join(', ')}`);
  }
  assert.ok(node.api.runtimeMetadata.version >= 15, 'metadata v15 or later');
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
