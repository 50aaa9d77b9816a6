// Who signs: a development account (//Alice … //Ferdie), offered on
// development chains only and marked as such.
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from '@polkadot-labs/hdkd-helpers';
import type { PolkadotClient, PolkadotSigner } from 'polkadot-api';
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
