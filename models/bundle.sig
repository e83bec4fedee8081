{
  "algorithm": "ed25519",
  "bundle_version": "7baf16e2d1c0",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "77cc267ca353e20feffb62a0400278ab0d4f11b1ea924d486962dfab6611c926",
  "signature": "eik7CCDJDa4PrfsFw++97iu900sgGx9mV2tC6dwcr6v+5E7u6PdWuL9MTSqqgbnDKi+W521rZ1duxRB6QnCOBQ=="
}
