{
  "algorithm": "ed25519",
  "bundle_version": "c54fc71c9bcd",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "02ab2f2124b35d9f487aa3741b9fc3017192463cf04cd4e56c404cdb5fc4de30",
  "signature": "50o1GaXAOFAwuDEEv7TqtcbmfLlhFCeNbHbwralikUwTP1uYKRs97r1Etzo1Iw9Dq4qRI3pUyABXMPxO7wIdCg=="
}
