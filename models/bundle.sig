{
  "algorithm": "ed25519",
  "bundle_version": "4b49d0483295",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "ce303793d08c72e5f07d55cda2934fd9d9efc2c6c73377ba2133ef42340b253d",
  "signature": "1N4SZ77d73fm1Jxz2QJr683DSa+bQxpfWoxvm+7bzPFEuXBfLKd43TgSMalKxL4wh+xod21bWnPvcUL5n40MAQ=="
}
