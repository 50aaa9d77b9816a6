// A failed call as the command line prints it: the pallet, the error's
// name and the first line of its docs ("BidMatching.ZeroPrice: A price of
// zero was given."), from the metadata the console was built with.
import { stratus } from '@polkadot-api/descriptors';
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';

let docs: Promise<Map<string, string>> | undefined;

/** "Pallet.Error" → the first line of the error's docs. */
function errorDocs(): Promise<Map<string, string>> {
  docs ??= stratus.getMetadata().then((bytes) => {
    const metadata = unifyMetadata(decAnyMetadata(bytes));
    const byName = new Map<string, string>();
    for (const pallet of metadata.pallets) {
      const type = pallet.errors && metadata.lookup.find((t) => t.id === pallet.errors!.type);
      if (type?.def.tag !== 'variant') continue;
      for (const variant of type.def.value) byName.set(`${pallet.name}.${variant.name}`, (variant.docs[0] ?? '').trim());
    }
    return byName;
  });
  return docs;
}

interface DispatchError {
  type: string;
  value?: { type?: string; value?: { type?: string } };
}

/** `error` (a dispatch error as polkadot-api decodes it) named, with its doc line. */
export async function named(error: unknown): Promise<string> {
  const e = error as DispatchError;
  const name = e.type === 'Module' && e.value?.type
    ? `${e.value.type}.${e.value.value?.type ?? '?'}`
    : `System.${e.type}${e.value?.type ? `.${e.value.type}` : ''}`;
  const doc = (await errorDocs()).get(name);
  return doc ? `${name}: ${doc}` : name;
}
