// Who signs: the accounts of the browser's wallet extensions (Polkadot{.js},
// Talisman, SubWallet…), which keep their keys and ask before each
// signature; or a development account (//Alice … //Ferdie), offered on
// development chains only and marked as such.
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address, ss58Decode } from '@polkadot-labs/hdkd-helpers';
import type { PolkadotClient, PolkadotSigner } from 'polkadot-api';
import { connectInjectedExtension, getInjectedExtensions } from 'polkadot-api/pjs-signer';
import { getPolkadotSigner } from 'polkadot-api/signer';

export interface Account {
  /** How the page names it. */
  name: string;
  address: string;
  signer: PolkadotSigner;
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** The well-known development accounts, whose keys everyone knows. */
export function devAccounts(): Account[] {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  return DEV_NAMES.map((name) => {
    const pair = derive(`//${name}`);
    return {
      name: `${name} (development account)`,
      address: ss58Address(pair.publicKey),
      signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign),
    };
  });
}

/** Whether the chain is a development or local test chain, where development accounts make sense. */
export async function isDevChain(client: PolkadotClient): Promise<boolean> {
  const spec = await client.getChainSpecData();
  return /development|local/i.test(spec.name);
}

/**
 * The accounts of every wallet extension in the browser, each asked once
 * for access; addresses in the chain's format (SS58 prefix 42) whatever
 * format the extension keeps them in. Empty when there is no extension.
 */
export async function extensionAccounts(): Promise<Account[]> {
  const lists = await Promise.all(getInjectedExtensions().map(async (wallet) => {
    const extension = await connectInjectedExtension(wallet, 'Stratus Console');
    return extension.getAccounts().map((account) => {
      const address = ss58Address(ss58Decode(account.address)[0]);
      return { name: `${account.name ?? address} (${wallet})`, address, signer: account.polkadotSigner };
    });
  }));
  return lists.flat();
}
