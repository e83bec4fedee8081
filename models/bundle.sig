{
  "algorithm": "ed25519",
  "bundle_version": "1e7acbecf4c0",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "5889683c55d57b0af151d98faf8cc02e318e935ce8ab50fd0d234a9b2cd41b6c",
  "signature": "1ZnnOR/gDfNbf5qso5CpLaxAVKheBqt+Wt3USM69IX7B9daZYpHaaVu5di2Ke7tWrnGMGl5jPPZ35Hhje8LLBQ=="
}
