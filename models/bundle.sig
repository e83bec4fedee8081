{
  "algorithm": "ed25519",
  "bundle_version": "76d5a002d300",
  "format": 1,
  "key_id": "79a6cd587ec104a7",
  "manifest_sha256": "e164b2388ab11153d6d16d55bcb606de306080b0b663b184a4ee600739b22c72",
  "signature": "+whrIyTcXWguPLpxDlb28r7k7vpSJaAEOpvnw6uk6Q1KieaQ7sHQpMEkouKI73/pUk7m6Gkx1HLLWn7pkF7IAA=="
}
