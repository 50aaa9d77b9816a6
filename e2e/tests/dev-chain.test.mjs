// The foundation on a running chain: blocks, identity, metadata, a transfer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import {
  DOLLAR, UNIT, USDT, assetFeeOf, assetHubAsset, devAccounts, freeAt, parentOf, setUsdtRate, usdtAt, usdtTenant,
} from '../lib/market.mjs';
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
  assert.equal(version.specVersion.toNumber(), 15);
  assert.equal(version.transactionVersion.toNumber(), 7);
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
  for (const [location, symbol, decimals, supply] of [
    [USDT, 'USDT', 6, 10_000n * DOLLAR], [assetHubAsset(1337), 'USDC', 6, 0n], [{ parents: 1, interior: 'Here' }, 'DOT', 10, 0n],
  ]) {
    const details = (await api.query.foreignAssets.asset(location)).unwrap();
    assert.ok(details.isSufficient.isTrue, symbol);
    // The dev chain has no Asset Hub: its //UsdtTenant is given USDT at genesis.
    assert.equal(details.supply.toBigInt(), supply, `${symbol}: minted at genesis`);
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

test('an account holding only USDT pays its fees in USDT, at the rate governance sets', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();
  const tenant = usdtTenant();
  const account = await api.query.system.account(tenant.address);
  assert.equal(account.data.free.toBigInt(), 0n, 'no STRA');
  assert.equal(account.sufficients.toNumber(), 1, 'USDT alone keeps the account');
  assert.equal(await usdtAt(api, tenant.address), 10_000n * DOLLAR);
  const send = (to, amount) => api.tx.foreignAssets.transferKeepAlive(USDT, to, amount);

  // Without a rate the pool refuses a fee in USDT; nothing is charged.
  await assert.rejects(sendAndWait(api, send(bob.address, DOLLAR), tenant, 30_000, { assetId: USDT }),
    /1010|Inability to pay some fees|Invalid/);
  assert.equal((await api.query.system.account(tenant.address)).nonce.toNumber(), 0);
  assert.equal(await usdtAt(api, tenant.address), 10_000n * DOLLAR);

  // Governance: 1 USDT is worth 2 STRA (2·10⁶ plancks per unit of USDT).
  await setUsdtRate(api, alice, 2_000_000n);
  const { blockHash, events } = await sendAndWait(api, send(bob.address, 3n * DOLLAR), tenant, 60_000, { assetId: USDT });
  const { fee, assetId } = assetFeeOf(api, events, tenant);
  assert.deepEqual(assetId.unwrap().toJSON(), api.createType('StagingXcmV5Location', USDT).toJSON());
  assert.ok(fee > 0n && fee < DOLLAR / 100n, `a transfer's fee is a fraction of a cent: ${fee}`);
  const parent = await parentOf(api, blockHash);
  assert.equal(await usdtAt(api, tenant.address, parent) - await usdtAt(api, tenant.address, blockHash), 3n * DOLLAR + fee);
  assert.equal(await usdtAt(api, bob.address, blockHash) - await usdtAt(api, bob.address, parent), 3n * DOLLAR);
  assert.equal(await freeAt(api, tenant.address, blockHash), 0n, 'still no STRA');
  // The treasury holds no USDT and a fee under 0.01 USDT cannot open its
  // account: that fee was burnt (issuance fell by it), not kept by anyone.
  const issuance = async (at) => (await (await api.at(at)).query.foreignAssets.asset(USDT)).unwrap().supply.toBigInt();
  assert.equal(await issuance(parent) - await issuance(blockHash), fee);

  // Once the treasury holds USDT, the fee reaches it exactly.
  // The treasury's account: `modl` and its pallet id, zero-padded.
  const treasuryAccount = api.createType('AccountId', new Uint8Array([...new TextEncoder().encode('modlpy/trsry'), ...new Uint8Array(20)])).toString();
  await sendAndWait(api, send(treasuryAccount, DOLLAR), tenant, 60_000, { assetId: USDT });
  const second = await sendAndWait(api, send(bob.address, DOLLAR), tenant, 60_000, { assetId: USDT });
  const { fee: secondFee } = assetFeeOf(api, second.events, tenant);
  const secondParent = await parentOf(api, second.blockHash);
  assert.equal(await usdtAt(api, treasuryAccount, second.blockHash) - await usdtAt(api, treasuryAccount, secondParent), secondFee);
  assert.equal(await issuance(secondParent), await issuance(second.blockHash));
});
