{
  "algorithm": "ed25519",
  "bundle_version": "ed56c985a1ae",
  "format": 1,
  "key_id": "bce57db10d2ef217",
  "manifest_sha256": "82f1cc8204ef7b2aa180dd2c4092032f5e2ea4b9cf5280668169abdf3a4ca29e",
  "signature": "tzRwobO+c2BzXNLtRyM/8onZQuCOi28oscNc0q5X0zcYsRbS5H4YmEvbwpihe4XBNTce1N11HTaOjvKMPBQEDg=="
}
