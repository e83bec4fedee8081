{
  "algorithm": "ed25519",
  "bundle_version": "6a0f1a9683b8",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "8bcc092cf96dc7a58091238d46b2d4db1e1c942a786a53fb955a22fa7fd2bca2",
  "signature": "bR1oDnH9He44W5S/g6GgT1L5P0DMKWR6B7EeerzoV0GO8yvTMD7f7rMdD3/InlKzejsr1mcxmy8y+mNa+bbECA=="
}
