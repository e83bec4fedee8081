{
  "algorithm": "ed25519",
  "bundle_version": "577102bc094b",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "35c2daa139465a5ddfed518e6c938bdf7a8dcf5c3628f847706eeaacbcb62f25",
  "signature": "rNx1wxIKGK983alJ+cp4qBiLVtUrNKxEginUKt0C0848q1iqZKM30HjFngEi0d0s4HnGV2FNpPTvVVvyF4zwBQ=="
}
